using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Flattr.Faults.Tests.Support;

/// <summary>A self-signed TLS certificate for 127.0.0.1 and flattr.test, written as a password-protected PFX for Kestrel.</summary>
public sealed class TestCertificate : IDisposable
{
    TestCertificate(string path, string password)
    {
        Path = path;
        Password = password;
    }

    public string Path { get; }

    public string Password { get; }

    /// <summary>The app settings that make Kestrel serve it.</summary>
    public Dictionary<string, string> KestrelSettings => new()
    {
        ["Kestrel:Certificates:Default:Path"] = Path,
        ["Kestrel:Certificates:Default:Password"] = Password,
    };

    public static TestCertificate Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=flattr.test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("flattr.test");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"flattr-faults-{Guid.NewGuid():N}.pfx");
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
        return new TestCertificate(path, password);
    }

    public void Dispose() => File.Delete(Path);
}
