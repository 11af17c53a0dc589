using Flattr.Settlement;

namespace Flattr.Web.Tests.Statements;

/// <summary>The same property under the policy <c>rollover</c>, on an app of its own: a month with no clicks keeps the money.</summary>
public sealed class RolloverStatementPropertyTests(ITestOutputHelper output) : IAsyncLifetime
{
    readonly MonthlyApp _app = new("Rollover");

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public void Under_rollover_every_statement_page_sums_to_its_spend_and_to_the_ledger_and_shows_what_was_kept()
    {
        var months = StatementMonths.Check(_app, cases: 5);
        output.WriteLine($"{months} generated months lived, settled and checked page by page");
    }

    [Fact]
    public async Task Under_rollover_a_month_without_clicks_says_what_was_kept_and_spent_only_the_deposit_fee()
    {
        var month = _app.StartNextMonth();
        var giver = await _app.App.CreateUserAsync("kept");
        await _app.DepositAsync(giver.Id, 1000);
        await _app.Grains.GetUser(giver.Id).SetBudget(200);
        _app.EndMonth(month);
        Assert.Equal(SettlementState.Done, (await _app.SettleAsync(month)).State);

        using var client = await _app.SignInAsync(giver);
        var html = await client.GetStringAsync($"/me/statements/{month}");
        var page = StatementPage.Parse(html);
        Assert.Equal(
            [new StatementPageLine("DepositFee", 0, 100), new StatementPageLine("KeptForNextMonth", 0, 0)],
            page.Given.OrderBy(l => l.Kind));
        Assert.Equal((100L, 100L), (page.SpentCents, page.GivenTotalCents));
        Assert.Contains("Kept for next month: €2.00 stays in your balance", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Equal(900, await _app.Grains.GetUser(giver.Id).GetBalance());
    }
}
