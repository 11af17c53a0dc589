using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Flattr.Faults.Tests.Support;
using Flattr.Payments;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Flattr.Faults.Tests.Headers;

/// <summary>
/// Secrets come only from configuration or the environment: none in the shipped settings or the source, and the one secret
/// the app could need at start (the payment webhook key) is read from configuration or made up at random per process.
/// </summary>
public sealed partial class SecretsTests
{
    [Fact]
    public void Shipped_settings_files_hold_no_secret()
    {
        var files = Directory.GetFiles(Repository.WebContentRoot, "appsettings*.json");
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            using var json = JsonDocument.Parse(File.ReadAllText(file));
            foreach (var (path, value) in Leaves(json.RootElement, ""))
            {
                Assert.False(SecretName().IsMatch(path) && value.Length > 0, $"{Path.GetFileName(file)} sets {path}");
                Assert.DoesNotContain("password=", value, StringComparison.OrdinalIgnoreCase);
            }
        }

        Tally.Check(files.Length);
    }

    [Fact]
    public void Source_code_holds_no_credential()
    {
        var sources = new[] { "Web", "Grains", "Grains.Interfaces", "Silo" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Repository.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal))
            // The interface's sentences name secrets ("Client secret") without holding any.
            .Where(f => !f.Contains("/Localization/", StringComparison.Ordinal))
            .ToList();
        Assert.True(sources.Count > 100, "the source was not found");
        var findings = sources
            .SelectMany(f => File.ReadLines(f).Select((line, n) => (File: f, Line: n + 1, Text: line)))
            .Where(l => HardCodedCredential().IsMatch(l.Text))
            .Select(l => $"{Path.GetRelativePath(Repository.Root, l.File)}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(findings.Count == 0, string.Join(Environment.NewLine, findings));
        Tally.Check();
    }

    [Fact]
    public void The_webhook_key_is_the_configured_secret_or_random_for_each_process()
    {
        var configured = new SandboxSecret(Options.Create(new SandboxPaymentOptions { WebhookSecret = "from-the-environment" }), NullLogger<SandboxSecret>.Instance);
        Assert.Equal(Encoding.UTF8.GetBytes("from-the-environment"), configured.Key.ToArray());

        var first = new SandboxSecret(Options.Create(new SandboxPaymentOptions()), NullLogger<SandboxSecret>.Instance);
        var second = new SandboxSecret(Options.Create(new SandboxPaymentOptions()), NullLogger<SandboxSecret>.Instance);
        Assert.Equal(32, first.Key.Length);
        Assert.False(first.Key.Span.SequenceEqual(second.Key.Span));
        Tally.Check();
    }

    static IEnumerable<(string Path, string Value)> Leaves(JsonElement element, string path) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Leaves(p.Value, path.Length == 0 ? p.Name : path + ":" + p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany((e, i) => Leaves(e, $"{path}:{i}")),
        _ => [(path, element.ToString())],
    };

    [GeneratedRegex("(secret|password|passwd|token|apikey|api_key|privatekey)$", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    // A password inside a connection string literal, or a secret-looking member assigned a key-like literal (16+ characters, no
    // spaces: a label or a token prefix is not a key).
    [GeneratedRegex("\"[^\"]*\\b(Password|Pwd)=[^\";]+|\\b\\w*(Secret|ApiKey|PrivateKey)\\w*\\s*=\\s*\"[^\"\\s]{16,}\"", RegexOptions.IgnoreCase)]
    private static partial Regex HardCodedCredential();
}
