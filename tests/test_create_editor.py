import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError


def test_it_makes_a_staff_member_of_editors(db, monkeypatch):
    monkeypatch.setenv("EDITOR_PW", "a-long-enough-passphrase")
    call_command("create_editor", "ana", "--password-from-env", "EDITOR_PW")
    user = User.objects.get(username="ana")
    assert user.is_staff and not user.is_superuser
    assert user.groups.filter(name="Editors").exists()
    assert user.has_perm("geodata.change_event")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_editor", "ana", "--password-from-env", "EDITOR_PW")
    monkeypatch.setenv("EDITOR_PW", "123")
    with pytest.raises(CommandError, match="too short"):
        call_command("create_editor", "bob", "--password-from-env", "EDITOR_PW")
    assert not User.objects.filter(username="bob").exists()
