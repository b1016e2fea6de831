namespace Webhooks.Modular.Surfaces.Danube.Requests;

/// <summary>Why a request was refused (400): the field at fault and a message that names it.</summary>
/// <param name="Field">The field, as the request spells it (<c>url</c>, <c>events</c>, <c>limit</c>; <c>body</c> for the body as a whole).</param>
/// <param name="Message">What is wrong, for people.</param>
internal sealed record RequestError(string Field, string Message);
