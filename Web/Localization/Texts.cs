using System.Globalization;
using Flattr.Things;

namespace Flattr.Web.Localization;

/// <summary>
/// Every sentence of the interface, once per language (<see cref="English"/>, <see cref="French"/>, <see cref="German"/>).
/// Each property is <c>required</c>, so a language that misses one does not compile: every page is translated.
/// Sentences with <c>{0}</c> are composite formats.
/// </summary>
public sealed partial class Texts
{
    /// <summary>The texts of the current request's UI culture (set by request localization).</summary>
    public static Texts Current => For(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    /// <summary>The texts for "fr", "fr_FR", "de-DE"…; English for anything else.</summary>
    public static Texts For(string? language) => language is { Length: >= 2 } ? language[..2] switch
    {
        SupportedLanguages.French => French,
        SupportedLanguages.German => German,
        _ => English,
    } : English;

    public string Category(string category) => category switch
    {
        ThingCategories.Text => CategoryText,
        ThingCategories.Images => CategoryImages,
        ThingCategories.Video => CategoryVideo,
        ThingCategories.Audio => CategoryAudio,
        ThingCategories.Software => CategorySoftware,
        ThingCategories.People => CategoryPeople,
        _ => CategoryRest,
    };

    public string MonthStatus(Wallets.MonthStatus status) => status switch
    {
        Wallets.MonthStatus.Open => StatusOpen,
        Wallets.MonthStatus.Ended => StatusEnded,
        Wallets.MonthStatus.Settling => StatusSettling,
        _ => StatusSettled,
    };

    /// <summary>A thing language id (<c>fr_FR</c>) in its own language ("Français (France)").</summary>
    public string LanguageName(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        try
        {
            var name = CultureInfo.GetCultureInfo(language.Replace('_', '-')).NativeName;
            return name.Length == 0 ? language : char.ToUpper(name[0], CultureInfo.InvariantCulture) + name[1..];
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }

    public string SubscriptionSpan(Month start, Month? last) =>
        last is { } end
            ? string.Format(CultureInfo.CurrentCulture, SubscriptionFromTo, start, end)
            : string.Format(CultureInfo.CurrentCulture, SubscriptionFromOn, start);

    public required string ActivityLead { get; init; }

    public required string ActivityLine { get; init; }

    public required string ActivityTitle { get; init; }

    public required string AllCategories { get; init; }

    public required string AllLanguages { get; init; }

    /// <summary>To the owner of an address someone tried to sign up with again: {0} the sign-in link.</summary>
    public required string AlreadyRegisteredMailBody { get; init; }

    public required string AlreadyRegisteredMailSubject { get; init; }

    public required string AmountColumn { get; init; }

    public required string Anonymous { get; init; }

    public required string AnonymousGiver { get; init; }

    public required string ApiApplicationsLink { get; init; }

    public required string ApiSettingsLead { get; init; }

    public required string ApiSettingsTitle { get; init; }

    public required string ApiTokensLink { get; init; }

    public required string AutoSubmitLead { get; init; }

    public required string BackHome { get; init; }

    public required string BadgeColumn { get; init; }

    public required string Balance { get; init; }

    public required string BrowseTitle { get; init; }

    public required string BudgetLead { get; init; }

    public required string BudgetPaused { get; init; }

    public required string BudgetSetNext { get; init; }

    public required string BudgetSetNow { get; init; }

    public required string BudgetThisMonth { get; init; }

    public required string BudgetTitle { get; init; }

    public required string ButtonTitle { get; init; }

    public required string ButtonUnavailable { get; init; }

    public required string ByOwner { get; init; }

    public required string CancelLink { get; init; }

    public required string CancelSubscription { get; init; }

    public required string CategoryLabel { get; init; }

    public required string Charity { get; init; }

    public required string ChartsTitle { get; init; }

    public required string CheckInboxBody { get; init; }

    public required string CheckInboxHint { get; init; }

    public required string CheckInboxTitle { get; init; }

    public required string ClicksPerMonth { get; init; }

    public required string ClicksThisMonth { get; init; }

    public required string ClicksTitle { get; init; }

    public required string ConfirmButton { get; init; }

    public required string ConfirmExplain { get; init; }

    public required string ConfirmLead { get; init; }

    public required string ConfirmSignInFirst { get; init; }

    public required string ConfirmTitle { get; init; }

    public required string CreatorColumn { get; init; }

    /// <summary>{0} = the month (yyyy-MM).</summary>
    public required string DailyChartsTitle { get; init; }

    public required string DashboardLead { get; init; }

    public required string DashboardTitle { get; init; }

    public required string DeleteThingButton { get; init; }

    public required string DeleteThingHint { get; init; }

    public required string DescriptionLabel { get; init; }

    public required string EditLink { get; init; }

    public required string EditThingTitle { get; init; }

    public required string EmailLabel { get; init; }

    public required string EmbedAutoSubmit { get; init; }

    public required string EmbedBadge { get; init; }

    public required string EmbedJsButton { get; init; }

    public required string EmbedLead { get; init; }

    public required string EmbedRelPayment { get; init; }

    public required string EmbedTitle { get; init; }

    public required string ErrorAmount { get; init; }

    public required string ErrorAntiforgery { get; init; }

    public required string ErrorBody { get; init; }

    public required string ErrorEmail { get; init; }

    public required string ErrorFlattrOnce { get; init; }

    public required string ErrorFlattrOwner { get; init; }

    public required string ErrorInvalidCharacters { get; init; }

    public required string ErrorMonthClosed { get; init; }

    public required string ErrorNoMeans { get; init; }

    public required string ErrorNoSuchUser { get; init; }

    public required string ErrorNotFound { get; init; }

    public required string ErrorNotVerified { get; init; }

    public required string ErrorOwnerMismatch { get; init; }

    public required string ErrorPasswordLength { get; init; }

    public required string ErrorRequestTooLarge { get; init; }

    public required string ErrorSignIn { get; init; }

    public required string ErrorSignInToFlattr { get; init; }

    public required string ErrorSubscribed { get; init; }

    public required string ErrorThingFields { get; init; }

    public required string ErrorThingInactive { get; init; }

    public required string ErrorTitle { get; init; }

    public required string ErrorTooManyRequests { get; init; }

    public required string ErrorUnavailable { get; init; }

    public required string ErrorUrlTaken { get; init; }

    public required string ErrorUsername { get; init; }

    public required string ErrorUsernameTaken { get; init; }

    public required string ExpectedIncome { get; init; }

    public required string FlattrAnonymously { get; init; }

    public required string FlattrThanks { get; init; }

    public required string FlattrUndone { get; init; }

    public required string FlattrVerb { get; init; }

    public required string FlattredThisMonth { get; init; }

    public required string FlattrsThisMonth { get; init; }

    public required string FlattrsTotal { get; init; }

    public required string FooterTagline { get; init; }

    public required string FromNextMonth { get; init; }

    public required string GivenTitle { get; init; }

    public required string Givers { get; init; }

    public required string GiversColumn { get; init; }

    public required string HaveAccount { get; init; }

    public required string HeroCta { get; init; }

    public required string HeroExample { get; init; }

    public required string HeroLead { get; init; }

    public required string HeroTitle { get; init; }

    public required string HiddenLabel { get; init; }

    public required string HomeTitle { get; init; }

    public required string IncomePerMonth { get; init; }

    public required string LanguageLabel { get; init; }

    public required string LanguageOfThing { get; init; }

    public required string Live { get; init; }

    public required string LoginLabel { get; init; }

    public required string MemberSince { get; init; }

    public required string MonthStatusLine { get; init; }

    public required string Months12 { get; init; }

    public required string Months3 { get; init; }

    public required string Months6 { get; init; }

    public required string MyMonthTitle { get; init; }

    public required string NavAccount { get; init; }

    public required string NavActivity { get; init; }

    public required string NavBrowse { get; init; }

    public required string NavDashboard { get; init; }

    public required string NavMain { get; init; }

    public required string NavMyMonth { get; init; }

    public required string NavNewThing { get; init; }

    public required string NavTrending { get; init; }

    public required string NewThingLead { get; init; }

    public required string NewThingTitle { get; init; }

    public required string NextPage { get; init; }

    public required string NoAccount { get; init; }

    public required string NoActivity { get; init; }

    public required string NoClicksYet { get; init; }

    public required string NoMeansHint { get; init; }

    public required string NoSubscriptions { get; init; }

    public required string NoThingsYet { get; init; }

    public required string NotFoundBody { get; init; }

    public required string NotFoundTitle { get; init; }

    public required string NothingHere { get; init; }

    public required string NothingTrending { get; init; }

    public required string OutboxEmpty { get; init; }

    public required string OutboxLead { get; init; }

    public required string OutboxTitle { get; init; }

    public required string OutboxTo { get; init; }

    public required string PasswordLabel { get; init; }

    public required string PauseBudget { get; init; }

    public required string PerMonth { get; init; }

    public required string PreviousPage { get; init; }

    public required string QrAlt { get; init; }

    public required string QrDownload { get; init; }

    public required string QrLead { get; init; }

    public required string QrTitle { get; init; }

    public required string Received { get; init; }

    public required string ReceivedTitle { get; init; }

    public required string RegisterThingButton { get; init; }

    public required string ResultsCount { get; init; }

    public required string SandboxNote { get; init; }

    public required string SaveButton { get; init; }

    public required string SearchPlaceholder { get; init; }

    public required string SearchTitle { get; init; }

    public required string SeeAll { get; init; }

    public required string SetBudgetButton { get; init; }

    public required string SignIn { get; init; }

    public required string SignInButton { get; init; }

    public required string SignInTitle { get; init; }

    public required string SignOut { get; init; }

    public required string SignUp { get; init; }

    public required string SignUpButton { get; init; }

    public required string SignUpLead { get; init; }

    public required string SignUpTitle { get; init; }

    public required string SourceButton { get; init; }

    public required string SourceColumn { get; init; }

    public required string SourceSubscription { get; init; }

    public required string Spent { get; init; }

    public required string StatementEmpty { get; init; }

    public required string StatementTitle { get; init; }

    public required string StatementsTitle { get; init; }

    public required string StepBudgetBody { get; init; }

    public required string StepBudgetTitle { get; init; }

    public required string StepClickBody { get; init; }

    public required string StepClickTitle { get; init; }

    public required string StepShareBody { get; init; }

    public required string StepShareTitle { get; init; }

    public required string SubscribeButton { get; init; }

    public required string SubscribeLead { get; init; }

    public required string SubscribeTitle { get; init; }

    public required string SubscribedNotice { get; init; }

    public required string SubscriptionCancelled { get; init; }

    public required string SubscriptionsTitle { get; init; }

    public required string TagTitle { get; init; }

    public required string TagsLabel { get; init; }

    public required string TagsPlaceholder { get; init; }

    public required string ThingColumn { get; init; }

    public required string ThingDeleted { get; init; }

    public required string ThingHidden { get; init; }

    public required string ThingsBy { get; init; }

    public required string ThisMonthColumn { get; init; }

    public required string ThisMonthLower { get; init; }

    public required string TickerEmpty { get; init; }

    public required string TickerFlattred { get; init; }

    public required string TickerTitle { get; init; }

    public required string TickerWithdrew { get; init; }

    public required string TitleLabel { get; init; }

    public required string TopUpButton { get; init; }

    public required string TopUpDone { get; init; }

    public required string TopUpLead { get; init; }

    public required string TopUpTitle { get; init; }

    public required string TotalColumn { get; init; }

    public required string TrendingLead { get; init; }

    public required string TrendingTitle { get; init; }

    public required string UndoFlattr { get; init; }

    public required string UndoHint { get; init; }

    public required string UntilCancelled { get; init; }

    public required string UrlLabel { get; init; }

    public required string UsernameLabel { get; init; }

    public required string ValueColumn { get; init; }

    public required string ValueOfOneClick { get; init; }

    public required string VerifyDone { get; init; }

    public required string VerifyFailed { get; init; }

    public required string VerifyMailBody { get; init; }

    public required string VerifyMailSubject { get; init; }

    public required string VerifyTitle { get; init; }

    public required string WhenColumn { get; init; }

    public required string YourThings { get; init; }

    public required string CategoryText { get; init; }

    public required string CategoryImages { get; init; }

    public required string CategoryVideo { get; init; }

    public required string CategoryAudio { get; init; }

    public required string CategorySoftware { get; init; }

    public required string CategoryPeople { get; init; }

    public required string CategoryRest { get; init; }

    public required string StatusOpen { get; init; }

    public required string StatusEnded { get; init; }

    public required string StatusSettling { get; init; }

    public required string StatusSettled { get; init; }

    public required string SubscriptionFromTo { get; init; }

    public required string SubscriptionFromOn { get; init; }

    // Statements: an account of the money.
    public required string StatementDepositFee { get; init; }

    public required string StatementKeptForNextMonth { get; init; }

    public required string StatementNoneTitle { get; init; }

    public required string StatementNoneBody { get; init; }

    public required string StatementNothingLeft { get; init; }

    public required string StatementNothingReceived { get; init; }

    public required string StatementSubscriptionTag { get; init; }

    // OAuth without PKCE for confidential applications; pausing and resuming the one subscription per thing.
    public required string AppPkceSetting { get; init; }

    public required string AppPkceOptional { get; init; }

    public required string AppPkceRequired { get; init; }

    public required string AppAllowWithoutPkce { get; init; }

    public required string AppRequirePkce { get; init; }

    public required string AppPkceExplanation { get; init; }

    public required string SubscriptionRunning { get; init; }

    public required string SubscriptionPausedState { get; init; }

    public required string PauseSubscription { get; init; }

    public required string ResumeSubscription { get; init; }

    public required string SubscriptionPausedNotice { get; init; }

    public required string SubscriptionResumedNotice { get; init; }
}
