"""The support desk: offices ask POS for help, POS (or a partner) answers within a target.

A `SupportRequest` belongs to one office, has a `Category` (with service-level targets in working
days) and is linked to a `SupportOffer` from POS's catalogue or flagged "geen aanbod" (demand
without supply). The conversation is a list of `Message`s; internal notes stay with the handlers.
Each stretch of "wacht op kantoor" is a `Pause`, so the working-day clock can stop for it.
"""

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kapstok.core.validators import InRange, in_range

MAX_AMOUNT = Decimal(10_000_000)


class Category(models.Model):
    """What a request is about; POS staff keep the list and its targets in the admin."""

    name = models.CharField(_("naam"), max_length=80, unique=True)
    first_response_days = models.PositiveSmallIntegerField(
        _("eerste reactie binnen (werkdagen)"), default=2
    )
    resolution_days = models.PositiveSmallIntegerField(_("opgelost binnen (werkdagen)"), default=10)
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("categorie")
        verbose_name_plural = _("categorieën")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class SupportOffer(models.Model):
    """One service in POS's catalogue, with how often it can be delivered per quarter."""

    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="offers", verbose_name=_("categorie")
    )
    service = models.CharField(_("dienst"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    delivered_by = models.CharField(_("wie levert"), max_length=120)
    capacity_per_quarter = models.PositiveIntegerField(_("capaciteit per kwartaal"), default=0)

    class Meta:
        verbose_name = _("ondersteuningsaanbod")
        verbose_name_plural = _("ondersteuningsaanbod")
        ordering = ["category__position", "service"]

    def __str__(self):
        return self.service


class KnowledgeArticle(models.Model):
    """A piece of POS know-how a handler can link to a request: a page elsewhere (`url`) or a
    short text of our own (`body`, plain text, always shown escaped). Offices read published
    articles; POS staff keep them."""

    title = models.CharField(_("titel"), max_length=150)
    summary = models.CharField(_("samenvatting"), max_length=300)
    url = models.URLField(_("adres (URL)"), blank=True)
    body = models.TextField(_("tekst"), max_length=20000, blank=True)
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("categorie"),
    )
    published = models.BooleanField(_("gepubliceerd"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("kennisartikel")
        verbose_name_plural = _("kennisartikelen")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("support:article_detail", args=[self.pk])


class Urgency(models.TextChoices):
    LOW = "low", _("kan wachten")
    NORMAL = "normal", _("normaal")
    HIGH = "high", _("dringend")


class Status(models.TextChoices):
    NEW = "new", _("nieuw")
    IN_PROGRESS = "in_progress", _("in behandeling")
    WAITING = "waiting", _("wacht op kantoor")
    RESOLVED = "resolved", _("opgelost")
    CLOSED = "closed", _("gesloten")


OPEN_STATUSES = (Status.NEW, Status.IN_PROGRESS, Status.WAITING)


class SupportRequest(models.Model):
    """An ondersteuningsvraag of one office, tracked from question to rating."""

    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, related_name="support_requests"
    )
    category = models.ForeignKey(
        Category, on_delete=models.PROTECT, related_name="requests", verbose_name=_("categorie")
    )
    description = models.TextField(_("omschrijving"), max_length=5000)
    urgency = models.CharField(
        _("urgentie"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_support_requests",
        verbose_name=_("behandelaar"),
    )
    partner = models.ForeignKey(
        "network.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name=_("partner"),
    )
    offer = models.ForeignKey(
        SupportOffer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("aanbod"),
    )
    no_offer = models.BooleanField(_("geen aanbod"), default=False)
    first_response_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    merged_into = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="duplicates"
    )
    rating = models.PositiveSmallIntegerField(
        _("tevredenheid"), null=True, blank=True, validators=[InRange(1, 5)]
    )
    # The clock's final figures in working days (pauses left out), kept by `services`
    # (`clock_days_store`) whenever the first response, the resolution or a pause changes:
    # the report aggregates them in the database instead of clocking every request per view.
    # None while the clock still runs; fixed once it stopped (they do not depend on today).
    response_days = models.PositiveIntegerField(
        _("eerste reactie na (werkdagen)"), null=True, editable=False
    )
    resolution_days = models.PositiveIntegerField(
        _("opgelost na (werkdagen)"), null=True, editable=False
    )
    # The running clock for the queue's late filter (`selectors.running_clock_positions`),
    # kept with the stopped ones: today's working-day number minus `clock_base` is the clock
    # while it runs; `clock_frozen` is its value while a pause holds it (then no base).
    clock_base = models.IntegerField(null=True, editable=False)
    clock_frozen = models.PositiveIntegerField(null=True, editable=False)
    # What the handler pointed the office to: a practice of another office, a knowledge article.
    practices = models.ManyToManyField(
        "peers.Practice",
        blank=True,
        related_name="support_requests",
        verbose_name=_("praktijkvoorbeelden"),
    )
    articles = models.ManyToManyField(
        "support.KnowledgeArticle",
        blank=True,
        related_name="support_requests",
        verbose_name=_("kennisartikelen"),
    )

    class Meta:
        verbose_name = _("ondersteuningsvraag")
        verbose_name_plural = _("ondersteuningsvragen")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["office", "status"]),
            # The supply-versus-demand report reads only these two, in the order it groups
            # by (`support.report`): on SQLite a scan of either costs less than sorting the
            # rows of a range on `created_at`.
            models.Index(
                fields=[
                    "category",
                    "response_days",
                    "resolution_days",
                    "status",
                    "created_at",
                    "merged_into",
                    "no_offer",
                    "offer",
                    "rating",
                ],
                name="support_report_clocks",
            ),
            models.Index(
                fields=["category", "office", "created_at", "merged_into"],
                name="support_report_offices",
            ),
            # The queue: open requests, oldest first, without walking past the closed ones;
            # with every column the late filter reads (`selectors.late_requests`), so that
            # counting the late ones reads the index only.
            models.Index(
                fields=[
                    "created_at",
                    "id",
                    "category",
                    "status",
                    "first_response_at",
                    "resolved_at",
                    "response_days",
                    "resolution_days",
                    "clock_base",
                    "clock_frozen",
                ],
                condition=models.Q(status__in=[status.value for status in OPEN_STATUSES]),
                name="support_open_clocks",
            ),
            # Open requests whose running clock was never stored (`selectors.OPEN_UNCLOCKED`).
            models.Index(
                fields=["created_at"],
                condition=models.Q(
                    status__in=[status.value for status in OPEN_STATUSES],
                    clock_base__isnull=True,
                    clock_frozen__isnull=True,
                ),
                name="support_open_unclocked",
            ),
            # Requests whose clock stopped without being stored (written around the services):
            # the report finds them at the cost of an empty index.
            models.Index(
                fields=["created_at"],
                condition=models.Q(first_response_at__isnull=False, response_days__isnull=True)
                | models.Q(resolved_at__isnull=False, resolution_days__isnull=True),
                name="support_unclocked",
            ),
        ]
        constraints = [in_range("rating", 1, 5, "support_rating_range")]

    def __str__(self):
        return f"#{self.pk} {self.category}"

    def get_absolute_url(self):
        return reverse("support:request_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def title(self) -> str:
        first_line = self.description.strip().splitlines()[0] if self.description.strip() else ""
        return first_line[:80]


class Pause(models.Model):
    """A stretch during which the request waited for the office; the SLA clock stands still."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField()
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["started_at"]

    def __str__(self):
        return f"#{self.request_id} {self.started_at:%Y-%m-%d}–{self.ended_at or '…'}"


class Message(models.Model):
    """One message in a request's conversation; internal notes are for the handlers only."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("bericht"), max_length=10000)
    internal = models.BooleanField(_("interne notitie"), default=False)
    from_handler = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"#{self.request_id} {self.created_at:%Y-%m-%d %H:%M}"


def attachment_path(instance, filename):
    # The stored name is ours, not the uploader's: no path tricks, no misleading extension.
    return f"support/{instance.request_id}/{timezone.now():%Y%m%d%H%M%S}-{filename}"


class Attachment(models.Model):
    """A file with a request, stored under MEDIA_ROOT and served only through an access check."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    message = models.ForeignKey(
        Message, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=255)
    name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.name


class SavedReply(models.Model):
    """A reusable answer POS staff insert into a reply."""

    title = models.CharField(_("titel"), max_length=120)
    body = models.TextField(_("tekst"))

    class Meta:
        verbose_name = _("standaardantwoord")
        verbose_name_plural = _("standaardantwoorden")
        ordering = ["title"]

    def __str__(self):
        return self.title
