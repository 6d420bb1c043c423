namespace WawaTrader.Core.Indicators;

/// <summary>A bar series that indicator maths must not run on; the message names the bar's index and the problem.</summary>
public sealed class InvalidBarSeriesException : Exception
{
    public InvalidBarSeriesException(int index, string problem)
        : base($"Bar {index} is invalid: {problem}.")
    {
        Index = index;
        Problem = problem;
    }

    /// <summary>Zero-based position of the first bad bar in the series.</summary>
    public int Index { get; }

    /// <summary>What is wrong with it, in words.</summary>
    public string Problem { get; }
}
