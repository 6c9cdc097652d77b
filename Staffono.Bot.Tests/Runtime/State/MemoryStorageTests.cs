using Staffono.Runtime.State;

namespace Staffono.Bot.Tests.Runtime.State;

public sealed class MemoryStorageTests : StorageContract
{
    private readonly MemoryStorage _storage = new();

    protected override IStorage Storage => _storage;

    protected override IStorage OtherProcess => _storage;
}
