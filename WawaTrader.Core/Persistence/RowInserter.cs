using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// Inserts new rows of one entity type with plain multi-row <c>INSERT</c>s (in the rows' order), through the context's own command pipeline (its
/// connection, transaction and interceptors), without change tracking: the journal's batched write, where SaveChanges' tracking
/// of every row costs more than writing it. Columns, names and value conversions come from the EF model (each property's type
/// mapping makes its parameter, converters included), so a row reads back exactly as SaveChanges would have written it.
/// Store-generated keys (<c>seq</c>, <c>id</c> identities) are left to the database and not read back. Navigations are not
/// followed: the caller inserts each table's rows, parents first.
/// </summary>
internal sealed class RowInserter<T> where T : class
{
    /// <summary>Rows per statement, within every provider's limit of parameters per statement (SQLite's 32,766). One: measured on
    /// SQLite (JournalBenchmarks), multi-row statements cost more than they save (EF's raw-SQL handling grows with the parameters).</summary>
    private const int MaxRowsPerStatement = 1;
    private const int MaxParameters = 30_000;

    private readonly (IProperty Property, PropertyInfo Clr, RelationalTypeMapping Mapping)[] _columns;
    private readonly string _insert;
    private readonly int _rowsPerStatement;

    public RowInserter(TradingDbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _columns = entity.GetProperties()
            .Where(p => !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd && p.ClrType == typeof(long)))
            .Select(p => (p, p.PropertyInfo ?? throw new InvalidOperationException($"{typeof(T).Name}.{p.Name} has no CLR property."),
                p.GetRelationalTypeMapping()))
            .ToArray();
        _insert = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", _columns.Select(c => $"\"{c.Property.GetColumnName(table)}\""))}) VALUES ";
        _rowsPerStatement = Math.Clamp(MaxParameters / _columns.Length, 1, MaxRowsPerStatement);
    }

    /// <summary>Inserts <paramref name="rows"/> in their order, up to a few hundred per statement; <paramref name="parameters"/>
    /// makes the parameters (any command of the context's connection).</summary>
    public async Task InsertAsync(TradingDbContext context, DbCommand parameters, IReadOnlyList<T> rows, CancellationToken cancellationToken)
    {
        for (var start = 0; start < rows.Count; start += _rowsPerStatement)
        {
            var count = Math.Min(_rowsPerStatement, rows.Count - start);
            var sql = new StringBuilder(_insert, _insert.Length + count * _columns.Length * 8);
            var values = new DbParameter[count * _columns.Length];
            for (var r = 0; r < count; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < _columns.Length; c++)
                {
                    var (property, clr, mapping) = _columns[c];
                    var k = r * _columns.Length + c;
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{k}");
                    if (c > 0) sql.Append(", ");
                    sql.Append(name);
                    values[k] = mapping.CreateParameter(parameters, name, clr.GetValue(rows[start + r]), property.IsNullable);
                }
                sql.Append(')');
            }
            await context.Database.ExecuteSqlRawAsync(sql.ToString(), values, cancellationToken);
        }
    }
}
