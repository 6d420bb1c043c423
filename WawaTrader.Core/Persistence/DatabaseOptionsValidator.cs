using Microsoft.Extensions.Options;

namespace WawaTrader.Core.Persistence;

/// <summary>With <c>Database:Provider=Postgres</c>, a connection string Npgsql accepts is required (the message names the key, never the value).</summary>
public sealed class DatabaseOptionsValidator : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Provider != DatabaseOptions.Postgres) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(options.ConnectionString)) return ValidateOptionsResult.Fail(PostgresDatabase.MissingConnection);
        return PostgresDatabase.IsValid(options.ConnectionString) ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(PostgresDatabase.InvalidConnection);
    }
}
