namespace Webhooks.Modular.Abstractions.Auth;

/// <summary>The roles of management-API users, from most to least powerful.</summary>
public static class ApiRoles
{
    /// <summary>Everything, including users.</summary>
    public const string Admin = "admin";

    /// <summary>Manages workflows and their webhooks.</summary>
    public const string Manager = "manager";

    /// <summary>Builds workflows and their webhooks.</summary>
    public const string Developer = "developer";

    /// <summary>Runs and watches workflows.</summary>
    public const string Operator = "operator";

    /// <summary>Reads only.</summary>
    public const string Viewer = "viewer";

    /// <summary>Every role.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, Manager, Developer, Operator, Viewer];
}
