using Npgsql;

namespace ContactCenter.Silo.Database;

/// <summary>
/// The ordinary role the product connects as on a project-local server, and the databases it owns.
/// It may do everything in its own database (the migrations run as its owner) and nothing beyond:
/// no superuser (so no <c>COPY ... TO PROGRAM</c>, no reading server files), no creating databases
/// or roles, no replication, no bypassing row security.
/// </summary>
internal static class ProductRole
{
    private const string Attributes = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";

    // Every object the migrations create (tables with their indexes and identity or serial sequences,
    // views, free-standing sequences, functions, types) that the old owner holds outside the system
    // schemas goes to the new owner. REASSIGN OWNED would be one statement, but PostgreSQL refuses it
    // for the bootstrap superuser, which owns the system catalogs too.
    private const string TransferObjectsSql = """
        DO $transfer$
        DECLARE
            old_owner oid := (SELECT oid FROM pg_roles WHERE rolname = '{0}');
            r record;
        BEGIN
            FOR r IN SELECT n.nspname FROM pg_namespace n
                     WHERE n.nspowner = old_owner AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
            LOOP
                EXECUTE format('ALTER SCHEMA %I OWNER TO {1}', r.nspname);
            END LOOP;

            -- Sequences that belong to a column (serial, identity) follow their table.
            FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                     WHERE c.relowner = old_owner AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
                       AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
                       AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d
                                WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO {1}',
                    CASE r.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                                   WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, r.name);
            END LOOP;

            FOR r IN SELECT p.oid::regprocedure AS name, p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                     WHERE p.proowner = old_owner AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO {1}',
                    CASE r.prokind WHEN 'a' THEN 'AGGREGATE' WHEN 'p' THEN 'PROCEDURE' ELSE 'FUNCTION' END, r.name);
            END LOOP;

            -- Types of their own (enums, domains, ranges, composites made by CREATE TYPE); array types
            -- and the row types of tables follow their element or table.
            FOR r IN SELECT t.oid::regtype AS name, t.typtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                     WHERE t.typowner = old_owner AND n.nspname NOT LIKE 'pg\_%' AND n.nspname <> 'information_schema'
                       AND t.typtype IN ('c', 'd', 'e', 'r') AND t.typelem = 0
                       AND (t.typrelid = 0 OR (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')
            LOOP
                EXECUTE format('ALTER %s %s OWNER TO {1}', CASE r.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, r.name);
            END LOOP;
        END
        $transfer$
        """;

    /// <summary>Creates the role, or puts its attributes and password back to what they must be.</summary>
    public static async Task EnsureAsync(NpgsqlConnection superuser, string role, string password, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_roles WHERE rolname = @role", superuser);
        exists.Parameters.AddWithValue("role", role);
        var verb = await exists.ExecuteScalarAsync(ct) is null ? "CREATE ROLE" : "ALTER ROLE";
        await ExecuteAsync(superuser, $"{verb} {Identifier(role)} WITH {Attributes} PASSWORD {Literal(ScramVerifier.Create(password))}", ct);
    }

    /// <summary>
    /// The owner of <paramref name="database"/>, or null when it does not exist.
    /// </summary>
    public static async Task<string?> OwnerOfDatabaseAsync(NpgsqlConnection superuser, string database, CancellationToken ct)
    {
        await using var owner = new NpgsqlCommand("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = @name", superuser);
        owner.Parameters.AddWithValue("name", database);
        return await owner.ExecuteScalarAsync(ct) as string;
    }

    /// <summary>Creates <paramref name="database"/> owned by <paramref name="role"/>.</summary>
    /// <exception cref="PostgresException">It exists already (<see cref="PostgresErrorCodes.DuplicateDatabase"/>).</exception>
    public static Task CreateDatabaseAsync(NpgsqlConnection superuser, string database, string role, CancellationToken ct)
        => ExecuteAsync(superuser, $"CREATE DATABASE {Identifier(database)} OWNER {Identifier(role)}", ct);

    /// <summary>
    /// Hands a database created by an earlier version (owned by the superuser) and everything the
    /// superuser owns in it to <paramref name="role"/>, in one transaction, the database itself last:
    /// a start that stops half-way finds the database still the superuser's and does it all again.
    /// </summary>
    /// <param name="superuserOnDatabase">A superuser connection to that database.</param>
    public static async Task TakeOverDatabaseAsync(
        NpgsqlConnection superuserOnDatabase, string database, string previousOwner, string role, CancellationToken ct)
    {
        await using var transaction = await superuserOnDatabase.BeginTransactionAsync(ct);
        await ExecuteAsync(superuserOnDatabase, string.Format(System.Globalization.CultureInfo.InvariantCulture,
            TransferObjectsSql, previousOwner.Replace("'", "''", StringComparison.Ordinal), Identifier(role)), ct);
        await ExecuteAsync(superuserOnDatabase, $"ALTER DATABASE {Identifier(database)} OWNER TO {Identifier(role)}", ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static string Identifier(string name) => DatabaseCreator.QuoteIdentifier(name);

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
