using System.Reflection;

namespace WawaTrader.Tests;

/// <summary>Keeps the layering the design card draws: Core knows nothing of the web, and only Persistence touches EF Core.</summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly Core = typeof(WawaTrader.Core.Market.Bar).Assembly;

    [Fact]
    public void Core_references_no_aspnetcore_assembly()
    {
        var web = Core.GetReferencedAssemblies().Where(a => a.Name!.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)).ToList();

        Assert.Empty(web);
    }

    [Fact]
    public void Only_persistence_types_use_entity_framework()
    {
        var offenders = Core.GetTypes()
            .Where(t => t.Namespace is { } ns && !ns.StartsWith("WawaTrader.Core.Persistence", StringComparison.Ordinal))
            .Where(UsesEntityFramework)
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_entity_framework_check_sees_the_persistence_types()
    {
        Assert.Contains(Core.GetTypes(), t => t.Namespace == "WawaTrader.Core.Persistence" && UsesEntityFramework(t));
    }

    private static bool UsesEntityFramework(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        IEnumerable<Type> used =
        [
            .. type.GetFields(all).Select(f => f.FieldType),
            .. type.GetProperties(all).Select(p => p.PropertyType),
            .. type.GetMethods(all).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)),
            .. type.GetConstructors(all).SelectMany(c => c.GetParameters().Select(p => p.ParameterType)),
        ];
        return used.Any(IsEntityFramework);
    }

    private static bool IsEntityFramework(Type type) =>
        type.Namespace?.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) == true
        || (type.IsGenericType && type.GetGenericArguments().Any(IsEntityFramework));
}
