using ContactCenter.Silo.Database;
using Npgsql;

namespace ContactCenter.Silo.Tests.Database;

public sealed class ConnectionPoolsTests
{
    private const string Plain = "Host=127.0.0.1;Port=5432;Database=cc;Username=cc";

    [Fact]
    public void WithoutALimit_StoresAndOrleansTogetherStayUnderPostgresDefaultOf100()
    {
        var stores = new NpgsqlConnectionStringBuilder(ConnectionPools.ForStores(Plain));
        var orleans = new NpgsqlConnectionStringBuilder(ConnectionPools.ForOrleans(Plain));
        Assert.Equal(ConnectionPools.StoresDefault, stores.MaxPoolSize);
        Assert.Equal(ConnectionPools.OrleansDefault, orleans.MaxPoolSize);
        Assert.InRange(stores.MaxPoolSize + orleans.MaxPoolSize, 1, 99);
        Assert.Equal("cc", stores.Database);
        Assert.Equal(5432, orleans.Port);
    }

    [Theory]
    [InlineData("Maximum Pool Size=7")]
    [InlineData("MaxPoolSize=7")]
    [InlineData("maxpoolsize=7")]
    public void AnExplicitLimit_IsKept(string setting)
    {
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(ConnectionPools.ForStores($"{Plain};{setting}")).MaxPoolSize);
        Assert.Equal(7, new NpgsqlConnectionStringBuilder(ConnectionPools.ForOrleans($"{Plain};{setting}")).MaxPoolSize);
    }

    [Fact]
    public void AMinimumAboveTheDefault_RaisesTheMaximumToIt()
    {
        Assert.Equal(30, new NpgsqlConnectionStringBuilder(ConnectionPools.ForOrleans($"{Plain};Minimum Pool Size=30")).MaxPoolSize);
    }
}
