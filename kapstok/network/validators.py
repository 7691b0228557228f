"""Validators for Dutch identifiers, with the Dutch messages users see at the field."""

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

kvk_number_validator = RegexValidator(
    r"^\d{8}$", _("Een KvK-nummer bestaat uit precies 8 cijfers."), code="invalid_kvk"
)
establishment_number_validator = RegexValidator(
    r"^\d{12}$",
    _("Een vestigingsnummer bestaat uit precies 12 cijfers."),
    code="invalid_establishment",
)
cbs_code_validator = RegexValidator(
    r"^GM\d{4}$",
    _("Een CBS-gemeentecode is 'GM' gevolgd door 4 cijfers, bijvoorbeeld GM0363."),
    code="invalid_cbs_code",
)
