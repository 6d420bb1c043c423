namespace WawaTrader.Core.Market;

/// <summary>A malformed bar file; the message names the file and the 1-based line number.</summary>
public sealed class CsvFormatException : FormatException
{
    public CsvFormatException(string file, int lineNumber, string problem)
        : base($"{file}, line {lineNumber}: {problem}.")
    {
        File = file;
        LineNumber = lineNumber;
        Problem = problem;
    }

    /// <summary>The file (or source name) being read.</summary>
    public string File { get; }

    /// <summary>1-based line number; line 1 is the header.</summary>
    public int LineNumber { get; }

    /// <summary>What is wrong, in words.</summary>
    public string Problem { get; }
}
