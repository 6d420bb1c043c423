using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query.SqlExpressions;
using Microsoft.EntityFrameworkCore.Storage;

namespace WawaTrader.Core.Persistence;

/// <summary>
/// <see cref="PhraseCodec"/> in queries: <see cref="Decoded"/> is the text a column holds, decoded by the database, so a
/// <c>LIKE</c>/<c>ILIKE</c> over it matches exactly what the journal reads back. On SQLite it is the function
/// <see cref="SqliteFunction"/>, registered on every connection (<see cref="Register"/>) and running the codec itself; on
/// PostgreSQL a <c>CASE</c> over a chain of <c>replace()</c> calls (<see cref="PhraseCodec.SqlReplacements"/>). SQLite's parser
/// cannot nest that many calls, PostgreSQL cannot call .NET: each provider gets the form it can run, with the same result.
/// </summary>
internal static class StoredText
{
    /// <summary>The SQLite function's name.</summary>
    public const string SqliteFunction = "wawa_decoded_text";

    /// <summary>The decoded text of <paramref name="stored"/> (as <see cref="PhraseCodec.Decode"/>); for LINQ queries only.</summary>
    public static string Decoded(string stored) => throw new InvalidOperationException($"{nameof(Decoded)} runs only inside a database query.");

    /// <summary>Maps <see cref="Decoded"/> for the context's provider.</summary>
    public static void Map(ModelBuilder modelBuilder, bool postgres)
    {
        modelBuilder.HasDbFunction(typeof(StoredText).GetMethod(nameof(Decoded))!)
            .HasTranslation(args => postgres ? PostgresDecoded(args[0]) : SqliteDecoded(args[0]));
    }

    /// <summary>Registers <see cref="SqliteFunction"/> on an open SQLite connection.</summary>
    public static void Register(SqliteConnection connection) =>
        connection.CreateFunction<string?, string?>(SqliteFunction, PhraseCodec.Decode, isDeterministic: true);

    private static SqlFunctionExpression SqliteDecoded(SqlExpression stored) =>
        new(SqliteFunction, [stored], nullable: true, argumentsPropagateNullability: [true], typeof(string), stored.TypeMapping);

    /// <summary><c>CASE substr(x, 1, 1) WHEN marker THEN replace(...replace(substr(x, 2), ...)...) ELSE x END</c>.</summary>
    private static CaseExpression PostgresDecoded(SqlExpression stored)
    {
        var text = stored.TypeMapping;
        var integer = new IntTypeMapping("integer");
        SqlExpression Call(string name, params SqlExpression[] args) =>
            new SqlFunctionExpression(name, args, nullable: true, argumentsPropagateNullability: args.Select(_ => true), typeof(string), text);
        SqlExpression decoded = Call("substr", stored, new SqlConstantExpression(2, integer));
        foreach (var (from, to) in PhraseCodec.SqlReplacements())
            decoded = Call("replace", decoded, new SqlConstantExpression(from, text), new SqlConstantExpression(to, text));
        return new CaseExpression(
            Call("substr", stored, new SqlConstantExpression(1, integer), new SqlConstantExpression(1, integer)),
            [new CaseWhenClause(new SqlConstantExpression(PhraseCodec.Marker.ToString(), text), decoded)],
            stored);
    }
}
