namespace Flattr.Web.Tests.Statements;

/// <summary>Generated months (policy <c>charity</c>) settled by the real engine: every statement page accounts for every cent.</summary>
[Collection(MonthlyAppCollection.Name)]
public sealed class StatementPropertyTests(MonthlyApp app, ITestOutputHelper output)
{
    [Fact]
    public void Every_statement_page_of_a_generated_month_sums_to_its_spend_and_to_the_ledger_and_income_matches_the_givers_lines()
    {
        var months = StatementMonths.Check(app, cases: 8);
        output.WriteLine($"{months} generated months lived, settled and checked page by page");
    }
}
