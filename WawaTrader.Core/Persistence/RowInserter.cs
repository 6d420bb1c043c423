using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// Inserts new rows of one entity type with a plain single-row <c>INSERT</c>, one execution per row in the rows' order, without
/// change tracking: the journal's batched write, where SaveChanges' tracking of every row costs more than writing it. Columns,
/// names and value conversions come from the EF model (each property's type mapping makes its parameter, converters included),
/// so a row reads back exactly as SaveChanges would have written it. One command per call is executed for every row on the
/// context's connection and current transaction, so the provider prepares the statement once (SQLite keeps it prepared while
/// the text stays the same) and each row only binds its values; each execution goes through the context's command
/// diagnostics (interceptors, logging) as EF's own commands do. Store-generated keys (<c>seq</c>, <c>id</c> identities) are
/// left to the database and not read back. Navigations are not followed: the caller inserts each table's rows, parents first.
/// </summary>
internal sealed class RowInserter<T> where T : class
{
    private readonly (PropertyInfo Clr, RelationalTypeMapping Mapping, bool Nullable, string Parameter)[] _columns;
    private readonly string _insert;

    public RowInserter(TradingDbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .ToArray();
        _columns = properties
            .Select((p, i) => (p.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no CLR property."),
                p.GetRelationalTypeMapping(), p.IsNullable, string.Create(CultureInfo.InvariantCulture, $"@p{i}")))
            .ToArray();
        _insert = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) " +
            $"VALUES ({string.Join(", ", _columns.Select(c => c.Parameter))})";
    }

    /// <summary>Inserts <paramref name="rows"/> in their order, within the context's current transaction (if any).</summary>
    public async Task InsertAsync(TradingDbContext context, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0) return;
        var connection = context.GetService<IRelationalConnection>();
        var diagnostics = context.GetService<IRelationalCommandDiagnosticsLogger>();
        await connection.OpenAsync(cancellationToken);
        try
        {
            await using var command = connection.DbConnection.CreateCommand();
            command.CommandText = _insert;
            command.Transaction = connection.CurrentTransaction?.GetDbTransaction();
            if (connection.CommandTimeout is { } timeout) command.CommandTimeout = timeout;
            foreach (var row in rows)
            {
                command.Parameters.Clear();
                foreach (var (clr, mapping, nullable, parameter) in _columns)
                    command.Parameters.Add(mapping.CreateParameter(command, parameter, clr.GetValue(row), nullable));
                await ExecuteAsync(context, connection, diagnostics, command, cancellationToken);
            }
        }
        finally
        {
            await connection.CloseAsync(); // only closes what OpenAsync opened (a transaction keeps it open)
        }
    }

    /// <summary>Executes the bound command as EF's RelationalCommand does: interceptors may replace the result, and the
    /// execution or its error is logged with the context's command diagnostics. Times are wall time, as EF's own.</summary>
    private async Task ExecuteAsync(DbContext context, IRelationalConnection connection, IRelationalCommandDiagnosticsLogger diagnostics,
        DbCommand command, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        var start = TimeProvider.System.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        try
        {
            var interception = await diagnostics.CommandNonQueryExecutingAsync(connection, command, _insert, context, id, connection.ConnectionId,
                start, CommandSource.ExecuteSqlRaw, cancellationToken);
            var affected = interception.HasResult ? interception.Result : await command.ExecuteNonQueryAsync(cancellationToken);
            await diagnostics.CommandNonQueryExecutedAsync(connection, command, _insert, context, id, connection.ConnectionId, affected, start,
                Stopwatch.GetElapsedTime(started), CommandSource.ExecuteSqlRaw, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await diagnostics.CommandErrorAsync(connection, command, _insert, context, DbCommandMethod.ExecuteNonQuery, id, connection.ConnectionId, ex,
                start, Stopwatch.GetElapsedTime(started), CommandSource.ExecuteSqlRaw, cancellationToken);
            throw;
        }
    }
}
