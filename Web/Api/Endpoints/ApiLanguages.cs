using Flattr.Web.Api.Representations;

namespace Flattr.Web.Api.Endpoints;

/// <summary>The languages of things, by the ids Flattr used (language_COUNTRY), with their English names.</summary>
public static class ApiLanguages
{
    public static IReadOnlyList<NamedEntryJson> All { get; } =
    [
        new("en_GB", "English"),
        new("sq_AL", "Albanian"),
        new("ar_DZ", "Arabic"),
        new("be_BY", "Belarusian"),
        new("bg_BG", "Bulgarian"),
        new("ca_ES", "Catalan"),
        new("zh_CN", "Chinese"),
        new("hr_HR", "Croatian"),
        new("cs_CZ", "Czech"),
        new("da_DK", "Danish"),
        new("nl_NL", "Dutch"),
        new("eo_XX", "Esperanto"),
        new("et_EE", "Estonian"),
        new("fi_FI", "Finnish"),
        new("fr_FR", "French"),
        new("de_DE", "German"),
        new("el_GR", "Greek"),
        new("iw_IL", "Hebrew"),
        new("hi_IN", "Hindi"),
        new("hu_HU", "Hungarian"),
        new("is_IS", "Icelandic"),
        new("in_ID", "Indonesian"),
        new("ga_IE", "Irish"),
        new("it_IT", "Italian"),
        new("ja_JP", "Japanese"),
        new("ko_KR", "Korean"),
        new("lv_LV", "Latvian"),
        new("lt_LT", "Lithuanian"),
        new("mk_MK", "Macedonian"),
        new("ms_MY", "Malay"),
        new("mt_MT", "Maltese"),
        new("no_NO", "Norwegian"),
        new("pl_PL", "Polish"),
        new("pt_PT", "Portuguese"),
        new("ro_RO", "Romanian"),
        new("ru_RU", "Russian"),
        new("sr_RS", "Serbian"),
        new("sk_SK", "Slovak"),
        new("sl_SI", "Slovenian"),
        new("es_ES", "Spanish"),
        new("sv_SE", "Swedish"),
        new("th_TH", "Thai"),
        new("tr_TR", "Turkish"),
        new("uk_UA", "Ukrainian"),
        new("vi_VN", "Vietnamese"),
    ];
}
