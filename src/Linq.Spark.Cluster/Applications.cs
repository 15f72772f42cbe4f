using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;
using Linq.Spark.Planning.Serialization;

namespace Linq.Spark.Cluster;

/// <summary>
/// The assemblies drivers sent a worker, as spark-submit ships an application's jars: each driver session is an
/// application with a collectible load context of its own, its assemblies keyed by module version id (MVID). An
/// assembly the worker already has with the same MVID is used as it is; a second assembly of a name the application
/// already loaded with another MVID is refused, as is a job naming an MVID that was never sent.
/// </summary>
internal sealed class Applications : IDisposable
{
    private readonly ConcurrentDictionary<string, Application> _applications = new();

    /// <summary>Adds an assembly the driver sent to application <paramref name="applicationId"/>.</summary>
    public void Add(string applicationId, Guid mvid, byte[] image)
    {
        var application = _applications.GetOrAdd(applicationId, id => new Application(id));
        application.Add(mvid, image);
    }

    /// <summary>The allow-list of a job: the engine's types and those of the application's assemblies with these MVIDs.</summary>
    public TypeAllowList AllowList(string applicationId, IEnumerable<Guid> mvids)
    {
        var application = _applications.TryGetValue(applicationId, out var found) ? found : new Application(applicationId);
        return new TypeAllowList([.. mvids.Select(application.Get)]);
    }

    /// <summary>Unloads an application's assemblies (its jobs have ended).</summary>
    public void Remove(string applicationId)
    {
        if (_applications.TryRemove(applicationId, out var application))
        {
            application.Unload();
        }
    }

    public void Dispose()
    {
        foreach (var id in _applications.Keys)
        {
            Remove(id);
        }
    }

    private sealed class Application(string id) : AssemblyLoadContext($"linq-spark-app-{id}", isCollectible: true)
    {
        private readonly Dictionary<Guid, Assembly> _byMvid = [];
        private readonly Dictionary<string, Assembly> _byName = new(StringComparer.Ordinal);

        public void Add(Guid mvid, byte[] image)
        {
            lock (_byMvid)
            {
                if (_byMvid.ContainsKey(mvid))
                {
                    return;
                }

                var name = NameOf(image);
                if (_byName.TryGetValue(name, out var loaded))
                {
                    throw new InvalidOperationException(
                        $"Application {id} already loaded {name} with MVID {loaded.ManifestModule.ModuleVersionId}; the driver sent another build ({mvid}). Start a new session for a new build.");
                }

                var assembly = Shared(name, mvid) ?? LoadFromStream(new MemoryStream(image, writable: false));
                _byMvid[mvid] = assembly;
                _byName[name] = assembly;
            }
        }

        public Assembly Get(Guid mvid)
        {
            lock (_byMvid)
            {
                return _byMvid.TryGetValue(mvid, out var assembly)
                    ? assembly
                    : throw new InvalidOperationException($"The job names the assembly with MVID {mvid}, which its driver did not send to this worker.");
            }
        }

        /// <summary>The application's own assemblies resolve here; anything else (the framework, Linq.Spark) from the worker's.</summary>
        protected override Assembly? Load(AssemblyName assemblyName)
        {
            lock (_byMvid)
            {
                return assemblyName.Name is { } name && _byName.TryGetValue(name, out var assembly) ? assembly : null;
            }
        }

        private static string NameOf(byte[] image)
        {
            using var pe = new System.Reflection.PortableExecutable.PEReader(new MemoryStream(image, writable: false));
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            return metadata.GetString(metadata.GetAssemblyDefinition().Name);
        }

        /// <summary>The worker's own copy of an assembly, when it is the very build the driver sent.</summary>
        private static Assembly? Shared(string name, Guid mvid) =>
            AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == name && a.ManifestModule.ModuleVersionId == mvid);
    }
}
