from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "kapstok.messaging"
    label = "messaging"
    verbose_name = "Berichten via het kantoor"

    def ready(self):
        # A timeline line about a brokered message links to it only for those who may read it.
        from kapstok.accounts import access
        from kapstok.goals.selectors import register_timeline_link_rule

        def openable_messages(viewer, office, pks: set) -> set:
            messages = office.brokered_messages.filter(pk__in=pks)
            return {m.pk for m in messages if access.can_view_office_message(viewer, m)}

        register_timeline_link_rule("messaging:message_detail", openable_messages)
