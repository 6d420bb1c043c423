namespace WawaTrader.Core.Analysis.Llm;

/// <summary>A value read by <see cref="LenientJson"/>.</summary>
internal abstract record JsonNode;

/// <summary>An object's members in order (keys as written, duplicates kept).</summary>
internal sealed record JsonObjectNode(List<KeyValuePair<string, JsonNode>> Members) : JsonNode;

internal sealed record JsonArrayNode(List<JsonNode> Items) : JsonNode;

/// <summary>A quoted string, or an unquoted token that is not a number or literal (<c>BUY</c>, <c>85%</c>).</summary>
internal sealed record JsonTextNode(string Text) : JsonNode;

/// <summary>A number, kept as written so that <c>1</c> and <c>1.0</c> stay different.</summary>
internal sealed record JsonNumberNode(string Raw) : JsonNode;

/// <summary><c>true</c>, <c>false</c>, <c>null</c> (and Python's <c>True</c>, <c>False</c>, <c>None</c>).</summary>
internal sealed record JsonLiteralNode(string Raw) : JsonNode;

/// <summary>
/// A forgiving reader for the JSON-ish objects small models write: strict JSON, plus single-quoted strings, unquoted keys
/// and values, trailing commas, raw line breaks in strings, and a stray quote inside a string (a quote closes a string
/// only when followed by <c>, : } ]</c> or the end). Never throws; nesting deeper than <see cref="MaxDepth"/> fails.
/// </summary>
internal static class LenientJson
{
    public const int MaxDepth = 16;

    /// <summary>Reads the object starting at <paramref name="start"/> (a <c>{</c>); on success <paramref name="end"/> is just past its <c>}</c>.</summary>
    public static bool TryReadObject(string text, int start, out JsonObjectNode? result, out int end)
    {
        var position = start;
        result = ReadObject(text, ref position, 0);
        end = position;
        return result is not null;
    }

    private static JsonObjectNode? ReadObject(string s, ref int i, int depth)
    {
        if (depth >= MaxDepth || i >= s.Length || s[i] != '{') return null;
        i++;
        var members = new List<KeyValuePair<string, JsonNode>>(4);
        while (true)
        {
            SkipSpace(s, ref i);
            if (i >= s.Length) return null;
            if (s[i] == '}')
            {
                i++;
                return new JsonObjectNode(members);
            }
            var key = s[i] is '"' or '\'' ? ReadString(s, ref i) : ReadBareKey(s, ref i);
            if (key is null) return null;
            SkipSpace(s, ref i);
            if (i >= s.Length || s[i] != ':') return null;
            i++;
            SkipSpace(s, ref i);
            var value = ReadValue(s, ref i, depth);
            if (value is null) return null;
            members.Add(new(key, value));
            SkipSpace(s, ref i);
            if (i >= s.Length) return null;
            if (s[i] == ',') i++;
            else if (s[i] != '}') return null;
        }
    }

    private static JsonArrayNode? ReadArray(string s, ref int i, int depth)
    {
        if (depth >= MaxDepth) return null;
        i++; // '['
        var items = new List<JsonNode>();
        while (true)
        {
            SkipSpace(s, ref i);
            if (i >= s.Length) return null;
            if (s[i] == ']')
            {
                i++;
                return new JsonArrayNode(items);
            }
            var value = ReadValue(s, ref i, depth);
            if (value is null) return null;
            items.Add(value);
            SkipSpace(s, ref i);
            if (i >= s.Length) return null;
            if (s[i] == ',') i++;
            else if (s[i] != ']') return null;
        }
    }

    private static JsonNode? ReadValue(string s, ref int i, int depth)
    {
        if (i >= s.Length) return null;
        switch (s[i])
        {
            case '{': return ReadObject(s, ref i, depth + 1);
            case '[': return ReadArray(s, ref i, depth + 1);
            case '"' or '\'':
                var text = ReadString(s, ref i);
                return text is null ? null : new JsonTextNode(text);
        }
        var start = i;
        while (i < s.Length && s[i] is not (',' or '}' or ']' or '\n' or '\r' or '{' or '[')) i++;
        var token = s.AsSpan(start, i - start).Trim();
        if (token.IsEmpty || (i < s.Length && s[i] is '{' or '[')) return null;
        if (token is "true" or "false" or "null" or "True" or "False" or "None") return new JsonLiteralNode(token.ToString());
        return IsNumber(token) ? new JsonNumberNode(token.ToString()) : new JsonTextNode(token.ToString());
    }

    /// <summary>A JSON number: optional minus, digits with optional fraction (a leading <c>.</c> allowed), optional exponent.</summary>
    private static bool IsNumber(ReadOnlySpan<char> t)
    {
        var k = 0;
        if (k < t.Length && t[k] is '-' or '+') k++;
        var digits = 0;
        while (k < t.Length && char.IsAsciiDigit(t[k])) { k++; digits++; }
        if (k < t.Length && t[k] == '.')
        {
            k++;
            while (k < t.Length && char.IsAsciiDigit(t[k])) { k++; digits++; }
        }
        if (digits == 0) return false;
        if (k < t.Length && t[k] is 'e' or 'E')
        {
            k++;
            if (k < t.Length && t[k] is '-' or '+') k++;
            var exponent = 0;
            while (k < t.Length && char.IsAsciiDigit(t[k])) { k++; exponent++; }
            if (exponent == 0) return false;
        }
        return k == t.Length;
    }

    private static string? ReadBareKey(string s, ref int i)
    {
        var start = i;
        while (i < s.Length && (char.IsLetterOrDigit(s[i]) || s[i] is '_' or '-' or '$')) i++;
        return i > start ? s[start..i] : null;
    }

    /// <summary>A string in double or single quotes with JSON escapes (and <c>\'</c>); null when unterminated or with any other escape.</summary>
    private static string? ReadString(string s, ref int i)
    {
        var quote = s[i++];
        var start = i;
        var plain = true;
        for (var k = i; k < s.Length; k++)
        {
            if (s[k] == '\\') { plain = false; break; }
            if (s[k] == quote && Closes(s, k)) { i = k + 1; return s[start..k]; }
        }
        if (plain) return null;

        var text = new System.Text.StringBuilder();
        while (i < s.Length)
        {
            var c = s[i++];
            if (c == quote && Closes(s, i - 1)) return text.ToString();
            if (c != '\\') { text.Append(c); continue; }
            if (i >= s.Length) return null;
            var e = s[i++];
            switch (e)
            {
                case 'n': text.Append('\n'); break;
                case 't': text.Append('\t'); break;
                case 'r': text.Append('\r'); break;
                case 'b': text.Append('\b'); break;
                case 'f': text.Append('\f'); break;
                case 'u':
                    if (i + 4 > s.Length || !ushort.TryParse(s.AsSpan(i, 4), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code)) return null;
                    text.Append((char)code);
                    i += 4;
                    break;
                case '"' or '\'' or '\\' or '/': text.Append(e); break;
                default: return null; // not a JSON escape: the string is not read with certainty
            }
        }
        return null;
    }

    /// <summary>A quote at <paramref name="k"/> closes its string when what follows (after spaces) can follow a string.</summary>
    private static bool Closes(string s, int k)
    {
        var j = k + 1;
        while (j < s.Length && s[j] is ' ' or '\t' or '\r' or '\n') j++;
        return j >= s.Length || s[j] is ',' or ':' or '}' or ']';
    }

    private static void SkipSpace(string s, ref int i)
    {
        while (i < s.Length && char.IsWhiteSpace(s[i])) i++;
    }
}
