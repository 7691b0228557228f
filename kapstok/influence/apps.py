from django.apps import AppConfig


class InfluenceConfig(AppConfig):
    name = "kapstok.influence"
    label = "influence"
    verbose_name = "Invloed"

    def ready(self):
        # A timeline line about a position links to it only for those who may read it.
        from kapstok.goals.selectors import register_timeline_link_rule

        from .rules import positions_visible_to

        def openable_positions(viewer, office, pks: set) -> set:
            visible = positions_visible_to(viewer, office).filter(pk__in=pks)
            return set(visible.values_list("pk", flat=True))

        register_timeline_link_rule("influence:position_detail", openable_positions)
