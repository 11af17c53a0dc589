using Flattr.Ledger;
using Flattr.Money;

namespace Flattr.Grains.Tests.Ledger;

public sealed class DepositTests : IAsyncLifetime
{
    StoreHarness _h = null!;

    public async Task InitializeAsync() => _h = await StoreHarness.CreateAsync();

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Ten_euro_deposit_credits_nine_euros_and_keeps_one_euro_fee()
    {
        var user = await _h.Database.AddUserAsync();

        var deposit = await _h.Ledger.DepositAsync("sandbox", "evt_1", user, 1_000);

        Assert.True(deposit.IsNew);
        Assert.Equal((1_000L, 100L, 900L), (deposit.AmountCents, deposit.FeeCents, deposit.CreditedCents));
        Assert.Equal(900, await _h.Ledger.GetBalanceAsync(user));
        Assert.Equal(new SystemBalances(-1_000, 100, 0, 0), await _h.Ledger.GetSystemBalancesAsync());
        Assert.Equal("deposit:sandbox:evt_1",
            await _h.Database.ScalarAsync<string>("SELECT idempotency_key FROM ledger_transactions WHERE id = $1", deposit.TransactionId));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_retried_deposit_returns_the_first_result_and_credits_once()
    {
        var user = await _h.Database.AddUserAsync();
        var first = await _h.Ledger.DepositAsync("sandbox", "evt_retry", user, 2_500);

        var retries = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _h.Ledger.DepositAsync("sandbox", "evt_retry", user, 2_500))));

        Assert.All(retries, r => Assert.Equal(first with { IsNew = false }, r));
        Assert.Equal(2_250, await _h.Ledger.GetBalanceAsync(user));
        Assert.Equal(1L, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM ledger_transactions"));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task Concurrent_first_deliveries_of_one_deposit_credit_it_exactly_once()
    {
        var user = await _h.Database.AddUserAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => _h.Ledger.DepositAsync("sandbox", "evt_race", user, 1_000))));

        Assert.Single(results, r => r.IsNew);
        Assert.Single(results.Select(r => r.DepositId).Distinct());
        Assert.Equal(900, await _h.Ledger.GetBalanceAsync(user));
        await _h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task A_retry_with_another_amount_or_user_is_a_conflict_and_changes_nothing()
    {
        var user = await _h.Database.AddUserAsync();
        var other = await _h.Database.AddUserAsync();
        await _h.Ledger.DepositAsync("sandbox", "evt_2", user, 1_000);

        var amount = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.DepositAsync("sandbox", "evt_2", user, 5_000));
        var payee = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.DepositAsync("sandbox", "evt_2", other, 1_000));

        Assert.Equal((FlattrErrors.Conflict, FlattrErrors.Conflict), (amount.Code, payee.Code));
        Assert.Equal((900L, 0L), (await _h.Ledger.GetBalanceAsync(user), await _h.Ledger.GetBalanceAsync(other)));
        await _h.AssertAuditOkAsync();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1_000)]
    [InlineData(799)]
    [InlineData(1_000_001)]
    [InlineData(long.MaxValue)]
    public async Task Deposits_not_positive_below_the_minimum_or_absurdly_large_are_rejected_and_change_nothing(long amount)
    {
        var user = await _h.Database.AddUserAsync();

        var error = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.DepositAsync("sandbox", "evt_bad", user, amount));

        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
        await AssertNothingMovedAsync();
    }

    [Fact]
    public async Task A_deposit_for_an_unknown_user_is_not_found_and_changes_nothing()
    {
        var error = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.DepositAsync("sandbox", "evt_ghost", 999_999, 1_000));

        Assert.Equal(FlattrErrors.NotFound, error.Code);
        await AssertNothingMovedAsync();
    }

    [Theory]
    [InlineData("", "k")]
    [InlineData("Sandbox", "k")]
    [InlineData("sandbox", "")]
    public async Task A_malformed_provider_or_key_is_invalid_parameters(string provider, string key)
    {
        var user = await _h.Database.AddUserAsync();
        var error = await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.DepositAsync(provider, key, user, 1_000));
        Assert.Equal(FlattrErrors.InvalidParameters, error.Code);
        await AssertNothingMovedAsync();
    }

    [Fact]
    public async Task The_maximum_deposit_is_configurable()
    {
        await using var h = await StoreHarness.CreateAsync(new MoneyRules { MaximumDepositCents = 5_000 });
        var user = await h.Database.AddUserAsync();

        await Assert.ThrowsAsync<FlattrException>(() => h.Ledger.DepositAsync("sandbox", "big", user, 5_001));
        var ok = await h.Ledger.DepositAsync("sandbox", "fine", user, 5_000);

        Assert.Equal(4_500, ok.CreditedCents);
        await h.AssertAuditOkAsync();
    }

    [Fact]
    public async Task The_balance_of_an_unknown_user_is_not_found() =>
        Assert.Equal(FlattrErrors.NotFound, (await Assert.ThrowsAsync<FlattrException>(() => _h.Ledger.GetBalanceAsync(999_999))).Code);

    async Task AssertNothingMovedAsync()
    {
        Assert.Equal(0L, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM ledger_transactions"));
        Assert.Equal(0L, await _h.Database.ScalarAsync<long>("SELECT count(*) FROM deposits"));
        await _h.AssertAuditOkAsync();
    }
}
