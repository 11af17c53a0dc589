namespace Flattr.Live;

/// <summary>A giver's clicks on one creator's things on one day, with the giver's month-wide spend and click count.</summary>
public sealed record GiverDayClicks(long GiverId, long GiverSpendCents, int GiverClicks, DateOnly Day, int ClicksOnCreator);
