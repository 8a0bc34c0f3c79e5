using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Exam3.ServiceDefaults.Tests;

public sealed class ListenUrlsTests
{
    private const string LabUrl = "http://127.0.0.1:8500";

    [Theory]
    [InlineData("http://*:5000", "http://0.0.0.0:5000/")]
    [InlineData("http://+:5000", "http://0.0.0.0:5000/")]
    [InlineData("http://[::]:5001", "http://[::]:5001/")]
    [InlineData("https://127.0.0.1:5002", "https://127.0.0.1:5002/")]
    public void WildcardsAreEveryInterface(string address, string expected) =>
        Assert.Equal(new Uri(expected), ListenUrls.Parse(address));

    [Theory]
    [InlineData("tcp://127.0.0.1:5000")]
    [InlineData("not a url")]
    [InlineData("http://127.0.0.1:0")]
    public void WhatIsNotAnHttpAddressWithAPortIsNothing(string address) =>
        Assert.Null(ListenUrls.Parse(address));

    [Fact]
    public void WithNothingConfiguredTheLabUrlIsUsed() =>
        Assert.Equal(LabUrl, UrlsAfterDefault([]));

    [Theory]
    [InlineData("--urls=http://127.0.0.1:9100", "http://127.0.0.1:9100")]
    [InlineData("--http_ports=9101", null)]
    [InlineData("--https_ports=9102", null)]
    [InlineData("--Kestrel:Endpoints:Http:Url=http://127.0.0.1:9103", null)]
    public void WhatTheHostIsToldWins(string argument, string? urls) =>
        Assert.Equal(urls, UrlsAfterDefault([argument]));

    private static string? UrlsAfterDefault(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args });
        builder.UseDefaultUrl(LabUrl);
        return builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
    }
}
