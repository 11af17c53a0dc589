using Flattr.Ledger;
using Flattr.Payouts;

namespace Flattr.Grains.Tests.Ledger;

public sealed class PayoutTests : IAsyncLifetime
{
    StoreHarness _h = null!;
    long _user;

    public async Task InitializeAsync()
    {
        _h = await StoreHarness.CreateAsync();
        _user = await _h.Database.AddUserAsync();
        await _h.Ledger.DepositAsync("sandbox", "evt", _user, 5_000); // balance 45.00 EUR
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task A_payout_moves_the_amount_from_the_balance_to_the_payouts_account_and_paid_keeps_it_there()
    {
        var payout = await _h.Ledger.RequestPayoutAsync(_user, 2_000);
        var paid = await _h.Ledger.CompletePayoutAsync(payout.PayoutId, paid: true);

        Assert.Equal(PayoutStatus.Requested, payout.Status);
        Assert.Equal(PayoutStatus.Paid, paid.Status);
        Assert.Equal(_h.Clock.GetUtcNow(), paid.CompletedAt);
        Assert.Equal(paid, await _h.Ledger.GetPayoutAsync(payout.PayoutId));
        Assert.Equal(2_500, await _h.Ledger.GetBalanceAsync(_user));
        Assert.Equal(2_000, (await _h.Ledger.GetSystemBalancesAsync()).PayoutsCents);
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_failed_payout_is_reversed_by_a_new_transaction()
    {
        var payout = await _h.Ledger.RequestPayoutAsync(_user, 4_500);
        var failed = await _h.Ledger.CompletePayoutAsync(payout.PayoutId, paid: false, "account closed");

        Assert.Equal((PayoutStatus.Failed, "account closed"), (failed.Status, failed.FailureReason));
        Assert.Equal(4_500, await _h.Ledger.GetBalanceAsync(_user));
        Assert.Equal(0, (await _h.Ledger.GetSystemBalancesAsync()).PayoutsCents);
        Assert.Equal(3L, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM ledger_transactions"));
        Assert.Equal($"payout:{payout.PayoutId}:reversal", await _h.Database.ScalarAsync<string>(
            "SELECT idempotency_key FROM ledger_transactions WHERE kind = 'payout_reversal'"));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Repeating_an_outcome_changes_nothing_and_contradicting_it_is_a_conflict()
    {
        var payout = await _h.Ledger.RequestPayoutAsync(_user, 1_000);
        var failed = await _h.Ledger.CompletePayoutAsync(payout.PayoutId, paid: false, "bounced");

        var again = await _h.Ledger.CompletePayoutAsync(payout.PayoutId, paid: false, "bounced");
        var contradiction = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.CompletePayoutAsync(payout.PayoutId, paid: true));

        Assert.Equal(failed, again);
        Assert.Equal(FlattrErrors.Conflict, contradiction.Code);
        Assert.Equal(4_500, await _h.Ledger.GetBalanceAsync(_user));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_payout_above_the_balance_is_insufficient_funds_and_changes_nothing()
    {
        var error = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.RequestPayoutAsync(_user, 4_501));

        Assert.Equal(FlattrErrors.InsufficientFunds, error.Code);
        Assert.Equal(4_500, await _h.Ledger.GetBalanceAsync(_user));
        await _h.AssertAuditOkAsync();
    }

    [Theory]
    [InlineData(999)]
    [InlineData(0)]
    [InlineData(-5_000)]
    public async Task A_payout_below_the_minimum_is_invalid_parameters(long amount)
    {
        var error = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.RequestPayoutAsync(_user, amount));
        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Unknown_users_and_payouts_are_not_found()
    {
        Assert.Equal(FlattrErrors.NotFound, (await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.RequestPayoutAsync(999_999, 1_000))).Code);
        Assert.Equal(FlattrErrors.NotFound, (await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.CompletePayoutAsync(999_999, true))).Code);
        Assert.Equal(FlattrErrors.NotFound, (await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.GetPayoutAsync(999_999))).Code);
    }

    [Fact]
    public async Task No_payout_is_accepted_while_a_month_is_settling()
    {
        await _h.Database.ExecuteAsync("INSERT INTO months (month, status) VALUES ($1, 'settling')", StoreHarness.Month);

        var error = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.RequestPayoutAsync(_user, 1_000));

        Assert.Equal(FlattrErrors.Conflict, error.Code);
        Assert.Equal(4_500, await _h.Ledger.GetBalanceAsync(_user));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Concurrent_payouts_never_overdraw_the_balance()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(async () =>
        {
            try
            {
                await _h.Ledger.RequestPayoutAsync(_user, 1_000);
                return true;
            }
            catch (FlattrException e) when (e.Code == FlattrErrors.InsufficientFunds)
            {
                return false;
            }
        })));

        Assert.Equal(4, results.Count(r => r));
        Assert.Equal(500, await _h.Ledger.GetBalanceAsync(_user));
        await _h.AssertAuditOkAsync();
    }
}
