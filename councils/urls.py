from django.urls import path

from councils.views import councils, meetings, proposals, public, recruitment

app_name = "councils"

urlpatterns = [
    path("", councils.CouncilListView.as_view(), name="home"),
    path("new/", councils.CouncilCreateView.as_view(), name="create"),
    path("<int:pk>/", councils.CouncilDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", councils.CouncilUpdateView.as_view(), name="update"),
    path("<int:pk>/status/", councils.CouncilStatusView.as_view(), name="status"),
    path("<int:pk>/members/new/", councils.MemberAddView.as_view(), name="member_add"),
    path("<int:pk>/members/status/", councils.MemberStatusView.as_view(), name="member_status"),
    path("<int:pk>/candidates/new/", recruitment.CandidateAddView.as_view(), name="candidate_add"),
    path(
        "<int:pk>/candidates/from-slip/",
        recruitment.CandidateFromSlipView.as_view(),
        name="candidate_from_slip",
    ),
    path(
        "<int:pk>/candidates/stage/",
        recruitment.CandidateStageView.as_view(),
        name="candidate_stage",
    ),
    path("<int:pk>/kickoffs/new/", recruitment.KickoffCreateView.as_view(), name="kickoff_create"),
    path("kickoffs/<int:pk>/", recruitment.KickoffDetailView.as_view(), name="kickoff_detail"),
    path(
        "kickoffs/<int:pk>/invite/", recruitment.KickoffInviteView.as_view(), name="kickoff_invite"
    ),
    path("candidates/<int:pk>/interview/", recruitment.InterviewView.as_view(), name="interview"),
    path(
        "candidates/<int:pk>/interview/topics/",
        recruitment.InterviewTopicsView.as_view(),
        name="interview_topics",
    ),
    path("<int:pk>/topics/new/", councils.TopicAddView.as_view(), name="topic_add"),
    path("<int:pk>/topics/status/", councils.TopicStatusView.as_view(), name="topic_status"),
    path("<int:pk>/meetings/plan/", councils.MeetingsPlanView.as_view(), name="meetings_plan"),
    path("<int:pk>/feedback/", councils.FeedbackRoundView.as_view(), name="feedback_round"),
    path("<int:pk>/hours/", councils.HoursView.as_view(), name="hours"),
    path("<int:pk>/proposals/new/", proposals.ProposalCreateView.as_view(), name="proposal_create"),
    path(
        "<int:pk>/commissions/new/",
        proposals.CommissionCreateView.as_view(),
        name="commission_create",
    ),
    path(
        "<int:pk>/commissions/<int:commission_pk>/answer/",
        proposals.CommissionAnswerView.as_view(),
        name="commission_answer",
    ),
    path("<int:pk>/outputs/new/", proposals.OutputCreateView.as_view(), name="output_create"),
    path("meetings/<int:pk>/", meetings.MeetingDetailView.as_view(), name="meeting_detail"),
    path("meetings/<int:pk>/edit/", meetings.MeetingUpdateView.as_view(), name="meeting_update"),
    path("meetings/<int:pk>/cancel/", meetings.MeetingCancelView.as_view(), name="meeting_cancel"),
    path("meetings/<int:pk>/agenda/", meetings.AgendaView.as_view(), name="agenda"),
    path("meetings/<int:pk>/attendance/", meetings.AttendanceView.as_view(), name="attendance"),
    path("meetings/<int:pk>/minutes/", meetings.MinutesView.as_view(), name="minutes"),
    path(
        "meetings/<int:pk>/minutes/approve/",
        meetings.MinutesApproveView.as_view(),
        name="minutes_approve",
    ),
    path(
        "meetings/<int:pk>/minutes/correct/",
        meetings.MinutesCorrectView.as_view(),
        name="minutes_correct",
    ),
    path("meetings/<int:pk>/packet/", meetings.PacketView.as_view(), name="packet"),
    path(
        "meetings/<int:pk>/packet/<str:language>.pdf",
        meetings.PacketFileView.as_view(),
        name="packet_file",
    ),
    path("proposals/", proposals.ProposalListView.as_view(), name="proposals"),
    path("proposals/<int:pk>/", proposals.ProposalDetailView.as_view(), name="proposal_detail"),
    path(
        "proposals/<int:pk>/edit/", proposals.ProposalUpdateView.as_view(), name="proposal_update"
    ),
    path(
        "proposals/<int:pk>/action/",
        proposals.ProposalActionView.as_view(),
        name="proposal_action",
    ),
    path(
        "proposals/<int:pk>/answer/", proposals.ProposalAnswerView.as_view(), name="proposal_answer"
    ),
]

# A member's own page for a meeting, from the text message or e-mail: /r/<token>.
member_urlpatterns = [path("<str:token>", public.MemberPageView.as_view(), name="page")]
# An outside recipient's answer page, from the e-mail: /vastaus/<token>.
answer_urlpatterns = [path("<str:token>", public.OutsideAnswerView.as_view(), name="page")]
