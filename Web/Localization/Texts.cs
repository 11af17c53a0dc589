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
            ? string.Format(CultureInfo.CurrentCulture, SubscriptionFromTo, Formats.Month(start), Formats.Month(end))
            : string.Format(CultureInfo.CurrentCulture, SubscriptionFromOn, Formats.Month(start));

    public required string AboutYouTitle { get; init; }

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

    public required string AnonymousByDefaultLabel { get; init; }

    public required string AnonymousGiver { get; init; }

    public required string ApiApplicationsLink { get; init; }

    public required string ApiSettingsLead { get; init; }

    public required string ApiSettingsTitle { get; init; }

    public required string ApiTokensLink { get; init; }

    public required string AutoSubmitLead { get; init; }

    public required string AvatarLead { get; init; }

    public required string AvatarSaved { get; init; }

    public required string AvatarTitle { get; init; }

    public required string BackHome { get; init; }

    public required string BadgeColumn { get; init; }

    public required string Balance { get; init; }

    public required string BioLabel { get; init; }

    public required string BrowseTitle { get; init; }

    public required string BudgetLead { get; init; }

    /// <summary>Above the budget form of a giver who never set one: the first budget applies at once.</summary>
    public required string BudgetLeadFirst { get; init; }

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

    public required string ChangeEmailButton { get; init; }

    public required string ChangePasswordButton { get; init; }

    public required string Charity { get; init; }

    /// <summary>The x axis of the daily charts (their legend).</summary>
    public required string ChartDay { get; init; }

    /// <summary>The x axis of the monthly charts (their legend).</summary>
    public required string ChartMonth { get; init; }

    public required string ChartsTitle { get; init; }

    public required string CheckInboxBody { get; init; }

    public required string CheckInboxHint { get; init; }

    public required string CheckInboxTitle { get; init; }

    public required string ClaimAlreadyYours { get; init; }

    public required string ClaimBadStatus { get; init; }

    public required string ClaimButton { get; init; }

    public required string ClaimByOwnerMeta { get; init; }

    public required string ClaimByPaymentLink { get; init; }

    /// <summary>{0} the address of the site's /.well-known/flattr file.</summary>
    public required string ClaimByWellKnown { get; init; }

    /// <summary>{0} the current owner's username.</summary>
    public required string ClaimCurrentOwner { get; init; }

    public required string ClaimDone { get; init; }

    public required string ClaimLead { get; init; }

    public required string ClaimNoProof { get; init; }

    public required string ClaimNotPublic { get; init; }

    public required string ClaimRefusedOwnClick { get; init; }

    public required string ClaimThisAddress { get; init; }

    public required string ClaimTimedOut { get; init; }

    public required string ClaimTitle { get; init; }

    public required string ClaimToThing { get; init; }

    public required string ClaimTooLarge { get; init; }

    public required string ClaimTooManyAttempts { get; init; }

    public required string ClaimTooManyRedirects { get; init; }

    public required string ClaimUnreachable { get; init; }

    public required string ClicksPerMonth { get; init; }

    public required string ClicksThisMonth { get; init; }

    public required string ClicksTitle { get; init; }

    public required string ConfirmButton { get; init; }

    public required string ConfirmClose { get; init; }

    public required string ConfirmClosing { get; init; }

    public required string ConfirmExplain { get; init; }

    public required string ConfirmLead { get; init; }

    public required string ConfirmSignInFirst { get; init; }

    public required string ConfirmTitle { get; init; }

    public required string CopyDone { get; init; }

    public required string CopySnippet { get; init; }

    public required string CreatorColumn { get; init; }

    public required string CreatorHasNoThings { get; init; }
    public required string CurrentPasswordLabel { get; init; }

    /// <summary>{0} = the month (yyyy-MM).</summary>
    public required string DailyChartsTitle { get; init; }

    public required string DashboardLead { get; init; }

    public required string DashboardTitle { get; init; }

    /// <summary>{0} the balance.</summary>
    public required string DeleteAccountBalance { get; init; }

    public required string DeleteAccountButton { get; init; }

    /// <summary>{0} the number of this month's clicks.</summary>
    public required string DeleteAccountClicks { get; init; }

    public required string DeleteAccountDone { get; init; }

    /// <summary>{0} the number of months.</summary>
    public required string DeleteAccountFundsRule { get; init; }

    public required string DeleteAccountHistory { get; init; }

    public required string DeleteAccountIncomePending { get; init; }

    /// <summary>{0} the smallest payout.</summary>
    public required string DeleteAccountIncomeRule { get; init; }

    /// <summary>{0} the amount kept, {1} the number of months.</summary>
    public required string DeleteAccountKept { get; init; }

    public required string DeleteAccountLead { get; init; }

    public required string DeleteAccountLink { get; init; }

    /// <summary>{0} the income not yet paid out.</summary>
    public required string DeleteAccountPayOutFirst { get; init; }

    /// <summary>{0} the number of active things.</summary>
    public required string DeleteAccountThings { get; init; }

    public required string DeleteAccountTitle { get; init; }

    public required string DeleteThingButton { get; init; }

    public required string DeleteThingHint { get; init; }

    public required string DescriptionLabel { get; init; }

    public required string DisplayNameLabel { get; init; }

    public required string EditLink { get; init; }

    public required string EditProfileLead { get; init; }

    public required string EditProfileTitle { get; init; }
    public required string EditProfileLink { get; init; }

    public required string EditThingTitle { get; init; }

    public required string EmailChangeDone { get; init; }

    public required string EmailChangeInvalid { get; init; }

    /// <summary>To a new address: {0} the display name, {1} the confirmation link.</summary>
    public required string EmailChangeMailBody { get; init; }

    public required string EmailChangeMailSubject { get; init; }

    /// <summary>{0} the new address.</summary>
    public required string EmailChangeSent { get; init; }

    public required string EmailChangeTaken { get; init; }

    public required string EmailChangeTitle { get; init; }

    /// <summary>{0} the current address.</summary>
    public required string EmailCurrent { get; init; }

    public required string EmailLabel { get; init; }

    public required string EmbedAutoSubmit { get; init; }

    public required string EmbedBadge { get; init; }

    public required string EmbedJsButton { get; init; }

    public required string EmbedLead { get; init; }

    public required string EmbedMarkdown { get; init; }

    public required string EmbedRelPayment { get; init; }

    public required string EmbedTitle { get; init; }

    public required string ErrorAmount { get; init; }

    public required string ErrorAntiforgery { get; init; }

    public required string ErrorAvatarDimensions { get; init; }

    public required string ErrorAvatarMissing { get; init; }

    public required string ErrorAvatarNotImage { get; init; }

    /// <summary>{0} the limit in megabytes.</summary>
    public required string ErrorAvatarTooLarge { get; init; }

    public required string ErrorBioLength { get; init; }
    public required string ErrorBadRequestBody { get; init; }

    public required string ErrorBadRequestTitle { get; init; }

    public required string ErrorBody { get; init; }

    public required string ErrorCurrentPassword { get; init; }

    public required string ErrorDisplayName { get; init; }
    /// <summary>{0} the smallest and {1} the largest monthly budget.</summary>
    public required string ErrorBudgetRange { get; init; }

    /// <summary>{0} the largest top-up, {1} the amount entered.</summary>
    public required string ErrorDepositMaximum { get; init; }

    /// <summary>{0} the smallest top-up, {1} the amount entered.</summary>
    public required string ErrorDepositMinimum { get; init; }

    public required string ErrorEmail { get; init; }

    public required string ErrorFlattrOnce { get; init; }

    public required string ErrorFlattrOwner { get; init; }

    public required string ErrorLanguage { get; init; }
    public required string ErrorForbiddenBody { get; init; }

    public required string ErrorForbiddenTitle { get; init; }

    public required string ErrorMethodBody { get; init; }

    public required string ErrorMethodTitle { get; init; }
    /// <summary>A rule refused the change: someone else's thing, for instance.</summary>
    public required string ErrorForbidden { get; init; }

    public required string ErrorInsufficientFunds { get; init; }

    /// <summary>A refusal of what was entered, when no more precise sentence exists.</summary>
    public required string ErrorInvalidParameters { get; init; }
    public required string ErrorInvalidCharacters { get; init; }

    public required string ErrorMonthClosed { get; init; }

    public required string ErrorNoMeans { get; init; }

    public required string ErrorNoSuchUser { get; init; }

    public required string ErrorNotFound { get; init; }

    public required string ErrorNotVerified { get; init; }

    public required string ErrorOwnerMismatch { get; init; }

    public required string ErrorPasswordLength { get; init; }

    /// <summary>{0} the link as typed.</summary>
    public required string ErrorProfileLink { get; init; }

    public required string ErrorProfileLinkCount { get; init; }
    public required string ErrorRetryAfter { get; init; }
    public required string ErrorRequestTooLarge { get; init; }

    public required string ErrorSignIn { get; init; }

    public required string ErrorSignInToFlattr { get; init; }

    public required string ErrorSubscribed { get; init; }

    public required string ErrorThingFields { get; init; }

    public required string ErrorThingInactive { get; init; }

    public required string ErrorTitle { get; init; }

    public required string ErrorTooLargeBody { get; init; }

    public required string ErrorTooLargeTitle { get; init; }

    public required string ErrorTooManyBody { get; init; }

    public required string ErrorTooManyRequests { get; init; }

    public required string ErrorTooManyTitle { get; init; }

    public required string ErrorTryAgainLink { get; init; }
    public required string ErrorUnauthorized { get; init; }

    public required string ErrorUnavailable { get; init; }

    public required string ErrorUnavailableTitle { get; init; }

    public required string ErrorUrlTaken { get; init; }

    public required string ErrorUsername { get; init; }

    public required string ErrorUsernameTaken { get; init; }

    public required string ExpectedIncome { get; init; }

    public required string FlattrAnonymously { get; init; }

    public required string FlattrCreatorButton { get; init; }

    /// <summary>{0} the title of the creator's newest thing.</summary>
    public required string FlattrCreatorLead { get; init; }

    public required string FlattrCreatorTitle { get; init; }

    public required string FlattrThanks { get; init; }

    public required string FlattrUndone { get; init; }

    public required string FlattrVerb { get; init; }

    /// <summary>{0} the title of the thing subscribed to.</summary>
    public required string FlattredCreatorNotice { get; init; }
    public required string FlattredShort { get; init; }

    public required string FlattredThisMonth { get; init; }

    public required string FlattrsThisMonth { get; init; }

    public required string FlattrsTotal { get; init; }

    public required string FooterTagline { get; init; }

    public required string ForgotPasswordButton { get; init; }

    public required string ForgotPasswordLead { get; init; }

    public required string ForgotPasswordLink { get; init; }

    public required string ForgotPasswordSent { get; init; }

    public required string ForgotPasswordTitle { get; init; }

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

    /// <summary>{0} the link's number (1 to 3).</summary>
    public required string LinkLabel { get; init; }

    public required string Live { get; init; }

    public required string LoginLabel { get; init; }

    public required string MailLanguageLabel { get; init; }

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

    public required string NavMenu { get; init; }

    public required string NavMyMonth { get; init; }

    public required string NavNewThing { get; init; }

    public required string NavTrending { get; init; }

    public required string NewEmailLabel { get; init; }

    public required string NewPasswordLabel { get; init; }

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

    public required string PasswordChanged { get; init; }

    public required string PasswordLabel { get; init; }

    public required string PauseBudget { get; init; }

    public required string PerMonth { get; init; }

    public required string PreviousPage { get; init; }

    public required string ProfileSaved { get; init; }

    public required string QrAlt { get; init; }

    public required string QrDownload { get; init; }

    public required string QrLead { get; init; }

    public required string QrTitle { get; init; }

    public required string Received { get; init; }

    public required string ReceivedTitle { get; init; }

    public required string RegisterThingButton { get; init; }

    public required string ResendVerificationButton { get; init; }

    public required string ResendVerificationLead { get; init; }

    public required string ResendVerificationLink { get; init; }

    public required string ResendVerificationTitle { get; init; }

    public required string ResetLinkInvalid { get; init; }

    /// <summary>A password-reset mail: {0} the display name, {1} the link.</summary>
    public required string ResetMailBody { get; init; }

    public required string ResetMailSubject { get; init; }

    public required string ResetPasswordButton { get; init; }

    public required string ResetPasswordDone { get; init; }

    public required string ResetPasswordHint { get; init; }

    public required string ResetPasswordTitle { get; init; }

    public required string ResultsCount { get; init; }

    /// <summary>A search's total when it stopped counting at {0} (a number with group separators): there are more.</summary>
    public required string ResultsMoreThan { get; init; }

    public required string SandboxNote { get; init; }

    public required string SaveButton { get; init; }

    public required string SaveProfileButton { get; init; }
    /// <summary>On /search without a text: how to search.</summary>
    public required string SearchHint { get; init; }

    /// <summary>A search that found nothing: {0} the text; says how to search.</summary>
    public required string SearchNoResults { get; init; }

    public required string SearchPlaceholder { get; init; }

    public required string SearchTitle { get; init; }

    public required string SeeAll { get; init; }

    public required string SeeExistingThing { get; init; }

    public required string SetBudgetButton { get; init; }

    public required string SettingsPreferencesTitle { get; init; }

    public required string SettingsSaved { get; init; }

    public required string SettingsTitle { get; init; }

    public required string SignIn { get; init; }

    public required string SignInButton { get; init; }

    public required string SignInTitle { get; init; }

    public required string SignOut { get; init; }

    public required string SignOutEverywhereButton { get; init; }

    public required string SignOutEverywhereLead { get; init; }

    public required string SignOutEverywhereTitle { get; init; }

    public required string SignUp { get; init; }

    public required string SignUpButton { get; init; }

    public required string SignUpLead { get; init; }

    public required string SignUpTitle { get; init; }

    public required string SkipToContent { get; init; }

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

    /// <summary>{0} how many givers flattred the creator's things.</summary>
    public required string SupporterCount { get; init; }

    public required string TagTitle { get; init; }

    public required string TagsLabel { get; init; }

    public required string TagsPlaceholder { get; init; }

    /// <summary>To a thing's previous owner: {0} their name, {1} the title, {2} the address, {3} the new owner's username, {4} the link to the thing.</summary>
    public required string ThingClaimedMailBody { get; init; }

    public required string ThingClaimedMailSubject { get; init; }

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

    public required string UploadAvatarButton { get; init; }

    public required string UrlLabel { get; init; }

    public required string UsernameLabel { get; init; }

    public required string ValueColumn { get; init; }

    public required string ValueOfOneClick { get; init; }

    public required string VerifyDone { get; init; }

    public required string VerifyFailed { get; init; }

    public required string VerifyMailBody { get; init; }

    public required string VerifyMailSubject { get; init; }

    public required string VerifyTitle { get; init; }

    public required string ViewPublicProfile { get; init; }

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
