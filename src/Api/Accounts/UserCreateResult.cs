namespace ContactCenter.Api.Accounts;

public enum UserCreateResult
{
    Created,
    NameTaken,
    AgentTaken,
}
