// Every test here runs several product processes on a 2-core machine, and one of them restarts the
// shared PostgreSQL server: they must never run side by side.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace ContactCenter.Cluster.Tests.Support;

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "cluster";
}
