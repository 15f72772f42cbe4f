using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Linq.Spark.Cluster.Tests;

/// <summary>
/// A master and two workers whose connections all use TLS with one self-signed certificate, made for the test class
/// and written to a PKCS #12 file the processes load (<c>--tls-certificate</c>); the driver's sessions use it too.
/// </summary>
public sealed class TlsClusterProcesses : ClusterProcesses
{
    private readonly string _folder = Directory.CreateTempSubdirectory("linq-spark-tls-").FullName;

    public TlsClusterProcesses()
    {
        Certificate = SelfSigned("CN=linq-spark test cluster");
        CertificateFile = Path.Combine(_folder, "cluster.pfx");
        File.WriteAllBytes(CertificateFile, Certificate.Export(X509ContentType.Pkcs12));
    }

    /// <summary>The cluster's certificate.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Where the processes load it from.</summary>
    public string CertificateFile { get; }

    public override ClusterTls? Tls => new(Certificate);

    protected override string[] SecurityArguments => ["--tls-certificate", CertificateFile];

    /// <summary>A certificate for server and client authentication on this machine's loopback address.</summary>
    public static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}
