using Npgsql;

namespace ContactCenter.Grains.Pacing;

/// <summary>
/// Counts the calls each local-presence number places (<c>caller_id_usage</c>) and enforces its daily cap
/// and rest period for every campaign on every silo: taking a call from a number is one conditional upsert.
/// </summary>
public sealed class CallerIdStore(NpgsqlDataSource db, TimeProvider time)
{
    /// <summary>
    /// Counts one call from <paramref name="number"/> and returns its calls today, or null when the number is at
    /// its cap today or resting. The call that reaches the cap starts the number's rest.
    /// </summary>
    public async Task<int?> TryTakeAsync(string number, int dailyCap, int restHours, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand("""
            INSERT INTO caller_id_usage AS u (number, day, calls, resting_until)
            VALUES ($1, $2, 1, CASE WHEN 1 >= $3 THEN now() + make_interval(hours => $4) END)
            ON CONFLICT (number) DO UPDATE SET
                calls = CASE WHEN u.day = $2 THEN u.calls + 1 ELSE 1 END,
                day = $2,
                resting_until = CASE WHEN (CASE WHEN u.day = $2 THEN u.calls + 1 ELSE 1 END) >= $3
                                     THEN now() + make_interval(hours => $4) ELSE u.resting_until END
            WHERE (u.resting_until IS NULL OR u.resting_until <= now()) AND (u.day <> $2 OR u.calls < $3)
            RETURNING calls
            """);
        cmd.Parameters.Add(new() { Value = number });
        cmd.Parameters.Add(new() { Value = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime) });
        cmd.Parameters.Add(new() { Value = dailyCap });
        cmd.Parameters.Add(new() { Value = restHours });
        return await cmd.ExecuteScalarAsync(ct) is int calls ? calls : null;
    }
}
