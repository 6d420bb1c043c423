using WawaTrader.Core.Persistence;

namespace WawaTrader.Tests.Core.Persistence;

/// <summary>The phrase codec of the journal's texts: any text round-trips, the SQL decoding order gives the same text, version 1 is frozen.</summary>
public sealed class PhraseCodecTests
{
    /// <summary>Version 1 as shipped. A change here means stored rows would read differently: make a version 2 instead.</summary>
    private const string Version1Hash = "D953B3F7337AF094DA97A3218D86A46E15FAAAFE5EBE59B3B7DF5EE35DEDDBF5";

    [Fact]
    public void The_table_of_version_1_is_frozen()
    {
        Assert.Equal(Version1Hash, PhraseCodec.TableHash());
        Assert.Equal(121, PhraseCodec.Phrases.Count);
    }

    [Fact]
    public void Every_phrase_round_trips_as_one_or_two_characters()
    {
        for (var i = 0; i < PhraseCodec.Phrases.Count; i++)
        {
            var phrase = PhraseCodec.Phrases[i];
            var stored = PhraseCodec.EncodeAlways(phrase);
            Assert.Equal(i < PhraseCodec.OneByteCodes.Length ? 2 : 3, stored.Length);
            Assert.Equal(phrase, PhraseCodec.Decode(stored));
            Assert.Equal(phrase, SqlDecode(stored));
        }
    }

    public static TheoryData<string> Texts() =>
    [
        "",
        "HOLD: weak or mixed signals, net score -0.5 of a possible +/-7 is inside the +/-2.5 threshold. Volume 0.74x its 20-bar average, no confirmation.",
        PhraseCodec.Reserved,
        string.Concat(PhraseCodec.Reserved.Reverse()) + "\0\t\r\n",
        "\u0001 starts like an encoded text",
        "\u0002 starts like a reference",
        "Ünïcödé ✓ 日本語 and a pair 😀, a lone \ud800 surrogate",
        "\u001EA\u001F\u001F\u001FA" + PhraseCodec.Phrases[30] + "\u001E",
        string.Concat(PhraseCodec.Phrases),
    ];

    [Theory]
    [MemberData(nameof(Texts))]
    public void A_text_round_trips_and_the_sql_replacements_decode_it_the_same(string text)
    {
        var stored = PhraseCodec.Encode(text);
        Assert.Equal(text, PhraseCodec.Decode(stored));
        Assert.True(stored.Length <= text.Length || PhraseCodec.Reserved.Contains(text[0], StringComparison.Ordinal), "encoding never lengthens a plain text");
        var always = PhraseCodec.EncodeAlways(text);
        Assert.Equal(text, PhraseCodec.Decode(always));
        Assert.Equal(text, SqlDecode(always));
    }

    [Fact]
    public void Random_texts_of_reserved_control_phrase_and_unicode_characters_round_trip()
    {
        var random = new Random(19);
        var pieces = PhraseCodec.Phrases.Concat(PhraseCodec.Reserved.Select(c => c.ToString())).Concat(["\0", "\n", "é", "😀", " ", "0", ".", "+/-"]).ToArray();
        for (var n = 0; n < 2000; n++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(0, 30)).Select(_ =>
            {
                var piece = pieces[random.Next(pieces.Length)];
                return random.Next(4) switch
                {
                    0 => ((char)random.Next(0, 0x80)).ToString(), // any ASCII, control characters included
                    1 => piece[..random.Next(1, piece.Length + 1)], // a phrase cut short
                    _ => piece,
                };
            }));
            var always = PhraseCodec.EncodeAlways(text);
            Assert.Equal(text, PhraseCodec.Decode(always));
            Assert.Equal(text, SqlDecode(always));
            Assert.Equal(text, PhraseCodec.Decode(PhraseCodec.Encode(text)));
        }
    }

    [Fact]
    public void Plain_text_reads_as_it_is_and_null_stays_null()
    {
        Assert.Equal("Reason for SPY, written before the codec", PhraseCodec.Decode("Reason for SPY, written before the codec"));
        Assert.Null(PhraseCodec.Decode(null));
        Assert.Null(PhraseCodec.Encode(null));
        Assert.Equal("short", PhraseCodec.Encode("short")); // encoding would not save anything
    }

    [Theory]
    [InlineData("\u0001abc\u001E")]
    [InlineData("\u0001abc\u001F")]
    [InlineData("\u0001\u001E\u007F")]
    [InlineData("\u0001\u001F~")]
    [InlineData("\u0001a\u0001b")]
    public void A_malformed_encoded_text_is_a_clear_error(string stored)
    {
        var error = Assert.Throws<InvalidOperationException>(() => PhraseCodec.Decode(stored));
        Assert.StartsWith("The stored text cannot be read", error.Message, StringComparison.Ordinal);
    }

    /// <summary>What the PostgreSQL translation does: drop the marker, then <c>replace()</c> each pair in order.</summary>
    private static string SqlDecode(string stored)
    {
        Assert.True(PhraseCodec.IsEncoded(stored));
        var text = stored[1..];
        foreach (var (from, to) in PhraseCodec.SqlReplacements()) text = text.Replace(from, to, StringComparison.Ordinal);
        return text;
    }
}
