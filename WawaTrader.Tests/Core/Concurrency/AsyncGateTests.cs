using WawaTrader.Core.Concurrency;

namespace WawaTrader.Tests.Core.Concurrency;

public sealed class AsyncGateTests
{
    [Fact]
    public void Entering_a_free_gate_completes_at_once()
    {
        var gate = new AsyncGate();

        var enter = gate.EnterAsync(CancellationToken.None);

        Assert.True(enter.IsCompletedSuccessfully);
        Assert.True(gate.IsHeld);
        gate.Exit();
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task A_second_caller_waits_until_the_first_leaves()
    {
        var gate = new AsyncGate();
        await gate.EnterAsync(CancellationToken.None);

        var second = gate.EnterAsync(CancellationToken.None).AsTask();
        await Task.Yield();
        Assert.False(second.IsCompleted);

        gate.Exit();
        await second.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(gate.IsHeld);
        gate.Exit();
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task Waiters_enter_in_arrival_order()
    {
        var gate = new AsyncGate();
        await gate.EnterAsync(CancellationToken.None);
        var order = new List<int>();
        var waiters = Enumerable.Range(1, 5).Select(async i =>
        {
            await gate.EnterAsync(CancellationToken.None);
            lock (order) order.Add(i);
            gate.Exit();
        }).ToArray();

        gate.Exit();
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal([1, 2, 3, 4, 5], order);
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task Only_one_caller_is_inside_at_a_time_under_contention()
    {
        var gate = new AsyncGate();
        var inside = 0;
        var maxInside = 0;
        var total = 0;

        async Task WorkAsync()
        {
            for (var i = 0; i < 200; i++)
            {
                await gate.EnterAsync(CancellationToken.None);
                try
                {
                    var now = Interlocked.Increment(ref inside);
                    maxInside = Math.Max(maxInside, now);
                    var read = total;
                    if (i % 7 == 0) await Task.Yield();
                    total = read + 1; // lost updates if two were inside
                    Interlocked.Decrement(ref inside);
                }
                finally
                {
                    gate.Exit();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(WorkAsync))).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, maxInside);
        Assert.Equal(8 * 200, total);
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public async Task A_canceled_waiter_leaves_the_queue_and_the_next_one_gets_the_gate()
    {
        var gate = new AsyncGate();
        await gate.EnterAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var canceled = gate.EnterAsync(cts.Token).AsTask();
        var next = gate.EnterAsync(CancellationToken.None).AsTask();

        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.False(next.IsCompleted);

        gate.Exit();
        await next.WaitAsync(TimeSpan.FromSeconds(10));
        gate.Exit();
        Assert.False(gate.IsHeld);
        // Exactly one holder was ever granted after the first: the gate is free and enters at once again.
        Assert.True(gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
        gate.Exit();
    }

    [Fact]
    public async Task A_waiter_canceled_while_the_gate_is_free_again_does_not_leave_it_held()
    {
        var gate = new AsyncGate();
        await gate.EnterAsync(CancellationToken.None);
        using var cts = new CancellationTokenSource();
        var canceled = gate.EnterAsync(cts.Token).AsTask();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => canceled.WaitAsync(TimeSpan.FromSeconds(10)));

        gate.Exit();

        Assert.False(gate.IsHeld);
        Assert.True(gate.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
        gate.Exit();
    }

    [Fact]
    public async Task Entering_with_a_canceled_token_while_held_throws_and_changes_nothing()
    {
        var gate = new AsyncGate();
        await gate.EnterAsync(CancellationToken.None);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await gate.EnterAsync(new CancellationToken(canceled: true)));

        gate.Exit();
        Assert.False(gate.IsHeld);
    }

    [Fact]
    public void Leaving_a_gate_nobody_holds_is_an_error()
    {
        var gate = new AsyncGate();

        Assert.Throws<InvalidOperationException>(gate.Exit);
    }
}
