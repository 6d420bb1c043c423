namespace WawaTrader.Tests.Core.Indicators;

/// <summary>Six hand-made bars for hand-worked indicator values (typical prices 9, 11, 10, 12, 10.67, 13).</summary>
internal static class SmallBars
{
    //  bar   high  low  close  volume
    //   0     10    8     9     100
    //   1     12   10    11     200
    //   2     11    9    10     300
    //   3     13   11    12     100
    //   4     12   10    10     400
    //   5     14   12    13       0
    public static (double[] High, double[] Low, double[] Close) Hlc() =>
        ([10, 12, 11, 13, 12, 14], [8, 10, 9, 11, 10, 12], [9, 11, 10, 12, 10, 13]);

    public static double[] Volume() => [100, 200, 300, 100, 400, 0];
}
