using ContactCenter.Telephony.Sip.Dialogs;
using ContactCenter.Telephony.Sip.Messages;

namespace ContactCenter.Telephony.Tests.Sip.Dialogs;

public sealed class SipDialogTests
{
    private static SipRequest Invite()
    {
        var invite = new SipRequest("INVITE", SipUri.Parse("sip:+15550002222@carrier.example"));
        invite.Headers.Add("Via", "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bKa");
        invite.Headers.Add("From", "<sip:+15550001111@10.0.0.1>;tag=ours");
        invite.Headers.Add("To", "<sip:+15550002222@carrier.example>");
        invite.Headers.Add("Call-ID", "c1");
        invite.Headers.Add("CSeq", "7 INVITE");
        invite.Headers.Add("Contact", "<sip:dialer@10.0.0.1:5060>");
        return invite;
    }

    private static SipResponse Ok(SipRequest invite, params string[] recordRoutes)
    {
        var ok = SipResponse.For(invite, 200, "theirs");
        foreach (var rr in recordRoutes) ok.Headers.Add("Record-Route", rr);
        ok.Headers.Add("Contact", "<sip:callee@10.0.0.9:5070>");
        return ok;
    }

    [Fact]
    public void Uac_DialogFrom2xx_TakesTagsContactAndReversedRouteSet()
    {
        var invite = Invite();
        var dialog = SipDialog.CreateAsUac(invite, Ok(invite, "<sip:p2.example;lr>", "<sip:p1.example;lr>"));

        Assert.Equal(new SipDialogId("c1", "ours", "theirs"), dialog.Id);
        Assert.Equal(SipDialogState.Confirmed, dialog.State);
        Assert.Equal("sip:callee@10.0.0.9:5070", dialog.RemoteTarget.ToString());
        // §12.1.2: the UAC reverses Record-Route, so the proxy nearest to us comes first.
        Assert.Equal(["p1.example", "p2.example"], dialog.RouteSet.Select(r => r.Uri.Host));
        Assert.Equal(7, dialog.LocalSequence);
    }

    [Fact]
    public void CreateRequest_LooseRouting_KeepsTargetAndAddsRoutes()
    {
        var invite = Invite();
        var dialog = SipDialog.CreateAsUac(invite, Ok(invite, "<sip:p2.example;lr>", "<sip:p1.example;lr>"));

        var bye = dialog.CreateRequest("BYE");

        Assert.Equal("sip:callee@10.0.0.9:5070", bye.RequestUri.ToString());
        Assert.Equal(["<sip:p1.example;lr>", "<sip:p2.example;lr>"], bye.Headers.GetAll("Route"));
        Assert.Equal(new SipCSeq(8, "BYE"), bye.CSeq);
        Assert.Equal("ours", bye.From.Tag);
        Assert.Equal("theirs", bye.To.Tag);
        Assert.Equal("p1.example", dialog.NextHop.Host);
        Assert.Equal(9, dialog.CreateRequest("INFO").CSeq.Number);
    }

    [Fact]
    public void CreateRequest_StrictRouter_PutsRouteInRequestUriAndTargetLast()
    {
        var invite = Invite();
        var dialog = SipDialog.CreateAsUac(invite, Ok(invite, "<sip:p2.example;lr>", "<sip:strict.example>"));

        var bye = dialog.CreateRequest("BYE");

        Assert.Equal("sip:strict.example", bye.RequestUri.ToString());
        Assert.Equal(["<sip:p2.example;lr>", "<sip:callee@10.0.0.9:5070>"], bye.Headers.GetAll("Route"));
    }

    [Fact]
    public void CreateAck_ReusesInviteSequence()
    {
        var invite = Invite();
        var dialog = SipDialog.CreateAsUac(invite, Ok(invite));
        var ack = dialog.CreateAck(7);
        Assert.Equal(new SipCSeq(7, "ACK"), ack.CSeq);
        Assert.Empty(ack.Headers.GetAll("Route"));
        Assert.Throws<ArgumentException>(() => dialog.CreateRequest("ACK"));
    }

    [Fact]
    public void Uas_Dialog_KeepsRouteOrderAndChecksRemoteSequence()
    {
        var invite = Invite();
        invite.Headers.Add("Record-Route", "<sip:p1.example;lr>");
        invite.Headers.Add("Record-Route", "<sip:p2.example;lr>");
        var dialog = SipDialog.CreateAsUas(invite, "mine");

        Assert.Equal(new SipDialogId("c1", "mine", "ours"), dialog.Id);
        Assert.Equal(["p1.example", "p2.example"], dialog.RouteSet.Select(r => r.Uri.Host));
        Assert.Equal("sip:dialer@10.0.0.1:5060", dialog.RemoteTarget.ToString());
        // §12.2.2: a lower or equal CSeq from the peer is out of order.
        Assert.False(dialog.TryAcceptRemoteSequence(7));
        Assert.True(dialog.TryAcceptRemoteSequence(8));
        Assert.False(dialog.TryAcceptRemoteSequence(8));
    }

    [Fact]
    public void RefreshTarget_ReplacesRemoteTarget()
    {
        var invite = Invite();
        var dialog = SipDialog.CreateAsUac(invite, Ok(invite));
        var reinvite = dialog.CreateRequest("INVITE");
        reinvite.Headers.Set("Contact", "<sip:moved@10.0.0.10>");
        dialog.RefreshTarget(reinvite);
        Assert.Equal("sip:moved@10.0.0.10", dialog.RemoteTarget.ToString());
    }
}
