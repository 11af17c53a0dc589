namespace Flattr.Hosting;

/// <summary>When the month-end grain looks at the calendar (configuration section <c>Flattr:Settlement</c>).</summary>
public sealed class MonthEndOptions
{
    public const string SectionName = "Flattr:Settlement";

    /// <summary>
    /// The period of the month-end reminder: how long after a month ends its settlement may wait to start. At least one
    /// minute (Orleans' minimum reminder period, <c>ReminderOptions.MinimumReminderPeriod</c>).
    /// </summary>
    public TimeSpan MonthEndCheckPeriod { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Whether the host registers the month-end reminder at start (operators may run settlements by hand instead).</summary>
    public bool StartMonthEndReminder { get; set; } = true;
}
