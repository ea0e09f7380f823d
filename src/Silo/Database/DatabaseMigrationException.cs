namespace ContactCenter.Silo.Database;

/// <summary>
/// The database cannot be brought to the schema this build expects, for example because an
/// already-applied migration was edited afterwards, or because the server is too old.
/// </summary>
public sealed class DatabaseMigrationException : Exception
{
    /// <summary>Creates the exception with a message that says what to do.</summary>
    public DatabaseMigrationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception wrapping the failure that caused it.</summary>
    public DatabaseMigrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
