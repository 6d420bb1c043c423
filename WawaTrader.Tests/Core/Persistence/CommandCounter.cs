using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>Records every command EF sends (SQL and transaction), to check how much work a call does (no N+1).</summary>
internal sealed class CommandCounter : DbCommandInterceptor
{
    private readonly ConcurrentQueue<(string Sql, DbTransaction? Transaction)> _commands = new();

    public IReadOnlyList<string> Commands => _commands.Select(c => c.Sql).ToArray();

    /// <summary>The distinct transactions the commands ran in (null for a command outside any).</summary>
    public IReadOnlyList<DbTransaction?> Transactions =>
        _commands.Select(c => c.Transaction).Distinct(ReferenceEqualityComparer.Instance).Cast<DbTransaction?>().ToArray();

    /// <summary>The SQL statements sent, one per entry even when a provider batches several into one command (Npgsql does).</summary>
    public IReadOnlyList<string> Statements =>
        _commands.SelectMany(c => c.Sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(s => s.Trim(';').Length > 0).ToArray();

    /// <summary>Whether the commands were all-or-nothing: one command (PostgreSQL runs a batch in one implicit transaction) or one transaction.</summary>
    public bool RanAsOneUnitOfWork => _commands.Count == 1 || Transactions is [not null];

    /// <summary>How many distinct transactions inserted rows into <paramref name="table"/>.</summary>
    public int TransactionsInserting(string table) =>
        _commands.Where(c => c.Sql.Contains($"INSERT INTO \"{table}\"", StringComparison.Ordinal))
            .Select(c => c.Transaction).Distinct(ReferenceEqualityComparer.Instance).Count();

    public void Reset() => _commands.Clear();

    private void Add(DbCommand command) => _commands.Enqueue((command.CommandText, command.Transaction));

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Add(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Add(command);
        return ValueTask.FromResult(result);
    }
}
