namespace ContactCenter.Cluster.Tests.Support;

/// <summary>The promises a test found broken, listed in the message.</summary>
public sealed class CheckFailedException(string message) : Exception(message);
