using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Orleans.Connections.Security;

namespace Linq.Spark.Cluster;

/// <summary>
/// TLS for a cluster's own traffic — Orleans' silo, gateway and client connections and the workers' Arrow Flight
/// endpoints — with one certificate that every process of the cluster presents and accepts, and no other (mutual
/// TLS over a shared certificate, as Spark's SSL with one keystore for the whole cluster).
/// </summary>
public sealed class ClusterTls
{
    /// <summary>TLS with <paramref name="certificate"/>, which must carry its private key.</summary>
    public ClusterTls(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        Certificate = certificate.HasPrivateKey
            ? certificate
            : throw new ArgumentException($"The cluster certificate {certificate.Subject} has no private key; give a PKCS #12 (.pfx) file that holds it.", nameof(certificate));
    }

    /// <summary>The certificate every process presents and accepts.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>TLS with the certificate and private key in a PKCS #12 (.pfx) file.</summary>
    public static ClusterTls Load(string path, string? password = null)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The cluster certificate file {path} does not exist.", path);
        }

        return new ClusterTls(X509CertificateLoader.LoadPkcs12FromFile(path, password));
    }

    /// <summary>Whether a remote party presented the cluster's certificate.</summary>
    internal bool Trusts(X509Certificate? remote) => remote is not null && remote.GetCertHash().AsSpan().SequenceEqual(Certificate.GetCertHash());

    internal void Apply(ISiloBuilder silo) => silo.UseTls(Certificate, Configure);

    internal void Apply(IClientBuilder client) => client.UseTls(Certificate, Configure);

    /// <summary>A Flight endpoint that requires the cluster's certificate from its callers.</summary>
    internal void Apply(ListenOptions listen) => listen.UseHttps(new HttpsConnectionAdapterOptions
    {
        ServerCertificate = Certificate,
        ClientCertificateMode = ClientCertificateMode.RequireCertificate,
        ClientCertificateValidation = (certificate, _, _) => Trusts(certificate),
    });

    /// <summary>The HTTP/2 handler of a Flight client: the cluster's certificate presented, only it accepted.</summary>
    internal SocketsHttpHandler Handler() => new()
    {
        EnableMultipleHttp2Connections = true,
        SslOptions = new SslClientAuthenticationOptions
        {
            ClientCertificates = [Certificate],
            RemoteCertificateValidationCallback = (_, certificate, _, _) => Trusts(certificate),
        },
    };

    private void Configure(TlsOptions options)
    {
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.RemoteCertificateValidation = (certificate, _, _) => Trusts(certificate);
    }
}
