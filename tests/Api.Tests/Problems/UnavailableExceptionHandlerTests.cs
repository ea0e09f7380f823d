using System.Net.Sockets;
using System.Text.Json.Nodes;
using ContactCenter.Api.Problems;
using ContactCenter.Grains.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using Orleans.Serialization;
using Orleans.Storage;

namespace ContactCenter.Api.Tests.Problems;

/// <summary>
/// Exceptions as Orleans and Npgsql raise them, run through the exception handlers in the order the
/// app registers them, with the real problem-details writer: never a 500 for an outage.
/// </summary>
public sealed class UnavailableExceptionHandlerTests
{
    private const string ProblemJson = "application/problem+json";

    private sealed record Answer(bool Handled, int Status, string? ContentType, string? RetryAfter, JsonNode? Body);

    private static async Task<Answer> HandleAsync(Exception exception, string? routeId = null)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails();
        services.AddExceptionHandler<DomainExceptionHandler>();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        await using var provider = services.BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = provider };
        http.Response.Body = new MemoryStream();
        if (routeId is not null)
        {
            // As ExceptionHandlerMiddleware leaves it: request's route values cleared, the feature keeps them.
            http.Features.Set<IExceptionHandlerFeature>(new ExceptionHandlerFeature
            {
                Error = exception,
                Path = "/api/agents/" + routeId,
                RouteValues = new Microsoft.AspNetCore.Routing.RouteValueDictionary { ["id"] = routeId },
            });
        }

        // What ExceptionHandlerMiddleware does: each handler in turn until one answers.
        var handled = false;
        foreach (var handler in provider.GetServices<IExceptionHandler>())
        {
            if (handled = await handler.TryHandleAsync(http, exception, CancellationToken.None)) break;
        }
        http.Response.Body.Position = 0;
        var text = await new StreamReader(http.Response.Body).ReadToEndAsync();
        return new Answer(handled, http.Response.StatusCode, http.Response.ContentType, http.Response.Headers.RetryAfter.ToString() is { Length: > 0 } r ? r : null,
            text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static OrleansException StorageError(string operation, string grain, Exception inner) =>
        new($"Error from storage provider AdoNetGrainStorage.Default during {operation} for grain {grain}{Environment.NewLine} {inner}", inner);

    // Only Orleans constructs this one (its constructors are internal); the runtime's rejection is what a client sees.
    private static OrleansMessageRejectionException MessageRejection(string message) =>
        (OrleansMessageRejectionException)Activator.CreateInstance(typeof(OrleansMessageRejectionException),
            System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic, null, [message], null)!;

    private static NpgsqlException ConnectionRefused() =>
        new("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "silo declared dead", new SiloUnavailableException() },
        { "message rejected", MessageRejection("Target silo S127.0.0.1:11111:0 is unavailable") },
        { "connection to a silo failed", new ConnectionFailedException("Unable to connect to endpoint S127.0.0.1:11111:0") },
        { "gateway too busy", new GatewayTooBusyException() },
        { "grain call timed out", new TimeoutException("Response did not arrive on time in 00:00:30") },
        { "database refuses connections", ConnectionRefused() },
        { "connection dropped mid-query", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "pool exhausted", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()) },
        { "pg_ctl restart -m fast", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01") },
        { "database starting up", new PostgresException("the database system is starting up", "FATAL", "FATAL", "57P03") },
        { "too many connections", new PostgresException("sorry, too many clients already", "FATAL", "FATAL", "53300") },
        { "storage read while the database is down", StorageError("ReadStateAsync", "campaign/abc123", ConnectionRefused()) },
        { "storage write while the database is down", StorageError("WriteStateAsync", "agent/alice", ConnectionRefused()) },
        { "activation failed on a socket error", new OrleansException("Failed to activate grain.", new InvalidOperationException("wrapper", new SocketException((int)SocketError.ConnectionReset))) },
        { "inside an AggregateException", new AggregateException(new InvalidOperationException("first"), ConnectionRefused()) },
        { "several levels deep", new InvalidOperationException("outer", new AggregateException(new OrleansException("middle", new SiloUnavailableException()))) },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public async Task Unavailable_Answers503ProblemWithRetryAfter(string because, Exception exception)
    {
        var answer = await HandleAsync(exception);

        Assert.True(answer.Handled, because);
        Assert.Equal(503, answer.Status);
        Assert.Equal(ProblemJson, answer.ContentType);
        Assert.Equal("5", answer.RetryAfter);
        Assert.Equal(503, answer.Body!["status"]!.GetValue<int>());
        Assert.Equal("The service is temporarily unavailable.", answer.Body["title"]!.GetValue<string>());
    }

    public static TheoryData<string, Exception> UnreadableCampaign => new()
    {
        { "type not allowed (issue 12)", StorageError("ReadStateAsync", "campaign/abc123", new IllegalTypeException("<>z__ReadOnlyArray`1[[ContactCenter.Grains.Dispositions.Disposition]]")) },
        { "type converter refusal", StorageError("ReadStateAsync", "campaign/abc123",
            new InvalidOperationException("Type \"<>z__ReadOnlyList`1\" from assembly \"ContactCenter.Grains\" is not allowed. To allow it, add it to TypeManifestOptions.AllowedTypes")) },
        { "type gone from the build", StorageError("ReadStateAsync", "campaign/abc123", new TypeLoadException("Could not load type 'ContactCenter.Grains.Campaigns.OldState'")) },
        { "JSON state naming a type the binder refuses", StorageError("ReadStateAsync", "campaign/abc123",
            new Newtonsoft.Json.JsonSerializationException("Type specified in JSON '<>z__ReadOnlyArray`1' is not compatible")) },
        { "damaged JSON", StorageError("ReadStateAsync", "campaign/abc123", new Newtonsoft.Json.JsonReaderException("Unexpected character encountered while parsing value")) },
        { "damaged bytes", StorageError("ReadStateAsync", "campaign/abc123", new ArgumentOutOfRangeException("length")) },
        { "activation failure wrapping it", new AggregateException(StorageError("ReadStateAsync", "campaign/abc123", new UnknownWellKnownTypeException(99))) },
    };

    [Theory]
    [MemberData(nameof(UnreadableCampaign))]
    public async Task UnreadableState_Answers503ProblemNamingTheGrain(string because, Exception exception)
    {
        // The route names an agent whose login reached the campaign: the problem names the campaign.
        var answer = await HandleAsync(exception, routeId: "agent-7");

        Assert.True(answer.Handled, because);
        Assert.Equal(503, answer.Status);
        Assert.Equal(ProblemJson, answer.ContentType);
        Assert.Null(answer.RetryAfter); // waiting does not repair a stored row
        Assert.Equal("The stored state could not be read.", answer.Body!["title"]!.GetValue<string>());
        Assert.Contains("campaign 'abc123'", answer.Body["detail"]!.GetValue<string>());
        Assert.Equal("abc123", answer.Body["entityId"]!.GetValue<string>());
        Assert.Equal("campaign", answer.Body["entityType"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnreadableState_WithoutTheGrainInTheChain_NamesTheRoutesId()
    {
        var answer = await HandleAsync(new OrleansException("Failed to activate grain.", new IllegalTypeException("Banana")), routeId: "c-42");

        Assert.Equal(503, answer.Status);
        Assert.Equal(ProblemJson, answer.ContentType);
        Assert.Contains("'c-42'", answer.Body!["detail"]!.GetValue<string>());
        Assert.Equal("c-42", answer.Body["entityId"]!.GetValue<string>());
    }

    [Fact]
    public async Task InconsistentState_Answers409Problem()
    {
        var answer = await HandleAsync(new InconsistentStateException("Version conflict (WriteState): ServiceId=cc ProviderName=Default GrainType=campaign", "3", "4"));

        Assert.True(answer.Handled);
        Assert.Equal(409, answer.Status);
        Assert.Equal(ProblemJson, answer.ContentType);
        Assert.Null(answer.RetryAfter);
    }

    public static TheoryData<string, Exception> Defects => new()
    {
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "bad SQL", new PostgresException("syntax error at or near \"SELEC\"", "ERROR", "ERROR", "42601") },
        { "non-transient driver error", new NpgsqlException("password authentication failed") },
        { "an Orleans error that is not about storage or reachability", new OrleansException("Grain type campaign has no implementation") },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task Defects_AreLeftToThe500(string because, Exception exception)
    {
        var answer = await HandleAsync(exception);

        Assert.False(answer.Handled, because);
    }

    [Fact]
    public async Task DomainErrors_StillAnswerTheirOwnStatus()
    {
        Assert.Equal(404, (await HandleAsync(new EntityNotFoundException("Campaign", "abc"))).Status);
        Assert.Equal(409, (await HandleAsync(new InvalidTransitionException("Campaign", "abc", "Running", "delete"))).Status);
        Assert.Equal(400, (await HandleAsync(new ValidationFailedException("name", "Required."))).Status);
    }
}
