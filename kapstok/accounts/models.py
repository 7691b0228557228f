"""People and their roles.

One account per person, identified by email. What a person may see follows from their
`RoleGrant`s: a role on a scope (national, an office, a municipality, a partner, an entrepreneur,
a branch organisation).
The rules that turn grants into access live in `kapstok.accounts.access`, nowhere else.
"""

from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **extra):
        if not email:
            raise ValueError("An account needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("e-mailadres"), unique=True)
    full_name = models.CharField(_("naam"), max_length=150, blank=True)
    is_active = models.BooleanField(_("actief"), default=True)
    is_staff = models.BooleanField(
        _("toegang tot beheer"),
        default=False,
        help_text=_("Mag de Django-beheeromgeving openen (alleen sitebeheerders)."),
    )
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["email"]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Role(models.TextChoices):
    POS_STAFF = "pos_staff", _("POS-medewerker")
    LEAD = "lead", _("kartrekker")
    MEMBER = "member", _("lid (ondernemer)")
    CIVIL_SERVANT = "civil_servant", _("beleidsambtenaar")
    ALDERMAN = "alderman", _("wethouder")
    PARTNER_STAFF = "partner_staff", _("medewerker partner")
    RESEARCHER = "researcher", _("onderzoeker")
    BRANCH_STAFF = "branch_staff", _("medewerker brancheorganisatie")
    SITE_ADMIN = "site_admin", _("sitebeheerder")


# Which scope each role is granted on; the grant must name exactly that scope.
ROLE_SCOPE = {
    Role.POS_STAFF: None,
    Role.RESEARCHER: None,
    Role.SITE_ADMIN: None,
    Role.LEAD: "office",
    Role.MEMBER: "entrepreneur",
    Role.CIVIL_SERVANT: "municipality",
    Role.ALDERMAN: "municipality",
    Role.PARTNER_STAFF: "partner",
    Role.BRANCH_STAFF: "branch_organisation",
}
SCOPE_FIELDS = ("office", "municipality", "partner", "entrepreneur", "branch_organisation")


class RoleGrantQuerySet(models.QuerySet):
    """Grants by their dates. Only `current` grants give access: every reader of grants for
    access, mail or choices goes through it, so an ended or future role never counts."""

    def current(self, on=None):
        """Grants that hold on `on` (today): started, and not ended before that day."""
        on = on or timezone.localdate()
        return self.filter(starts_on__lte=on).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))

    def ended(self, on=None):
        """Grants whose last day lies before `on` (today): the history."""
        return self.filter(ends_on__lt=on or timezone.localdate())

    def future(self, on=None):
        """Grants that start after `on` (today)."""
        return self.filter(starts_on__gt=on or timezone.localdate())

    def open(self, on=None):
        """Grants not ended before `on`: current or still to come (what a new grant joins)."""
        on = on or timezone.localdate()
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))


class RoleGrant(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices)
    office = models.ForeignKey(
        "network.Office", on_delete=models.CASCADE, null=True, blank=True, related_name="grants"
    )
    municipality = models.ForeignKey(
        "network.Municipality",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grants",
    )
    partner = models.ForeignKey(
        "network.Partner", on_delete=models.CASCADE, null=True, blank=True, related_name="grants"
    )
    entrepreneur = models.ForeignKey(
        "network.Entrepreneur",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grants",
    )
    branch_organisation = models.ForeignKey(
        "network.BranchOrganisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("brancheorganisatie"),
    )
    granted_at = models.DateTimeField(_("toegekend op"), default=timezone.now)
    starts_on = models.DateField(_("vanaf"), default=timezone.localdate)
    ends_on = models.DateField(
        _("tot en met"),
        null=True,
        blank=True,
        help_text=_("De laatste dag van de rol. Leeg: tot nader order."),
    )

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("roltoekenning")
        verbose_name_plural = _("roltoekenningen")
        # Uniqueness is kept by `grant_role` (one open grant per role and scope): a constraint
        # over nullable scope columns would need NULLS NOT DISTINCT, which SQLite lacks.
        indexes = [models.Index(fields=["user", "role"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="rolegrant_ends_after_start",
                violation_error_message=_("De einddatum van een rol ligt vóór de begindatum."),
            )
        ]

    def __str__(self):
        scope = self.scope_object()
        return f"{self.user} – {self.get_role_display()}" + (f" ({scope})" if scope else "")

    def scope_object(self):
        field = ROLE_SCOPE.get(self.role)
        return getattr(self, field) if field else None

    def is_current(self, on=None) -> bool:
        """Whether this grant holds on `on` (today), as `RoleGrantQuerySet.current` decides."""
        on = on or timezone.localdate()
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError(
                {"ends_on": _("De einddatum van een rol ligt vóór de begindatum.")}
            )
        wanted = ROLE_SCOPE.get(self.role)
        for field in SCOPE_FIELDS:
            present = getattr(self, f"{field}_id") is not None
            if field == wanted and not present:
                raise ValidationError(
                    {field: _("Deze rol hoort bij een bepaald %(scope)s.") % {"scope": field}}
                )
            if field != wanted and present:
                raise ValidationError(
                    {field: _("Deze rol heeft geen %(scope)s nodig.") % {"scope": field}}
                )
