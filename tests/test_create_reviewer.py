import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError

from geodata.editorial import is_reviewer


def test_it_makes_a_staff_member_of_reviewers_who_may_publish(db, monkeypatch):
    monkeypatch.setenv("REVIEWER_PW", "a-long-enough-passphrase")
    call_command("create_reviewer", "rita", "--email", "rita@example.org", "--password-from-env", "REVIEWER_PW")
    user = User.objects.get(username="rita")
    assert user.is_staff and not user.is_superuser and user.email == "rita@example.org"
    assert is_reviewer(user) and user.has_perm("geodata.change_correction")
    assert not user.has_perm("auth.add_user")
    with pytest.raises(CommandError, match="already exists"):
        call_command("create_reviewer", "rita", "--password-from-env", "REVIEWER_PW")


def test_it_refuses_an_empty_password_variable_and_creates_nobody(db, monkeypatch):
    monkeypatch.delenv("REVIEWER_PW", raising=False)
    with pytest.raises(CommandError, match="REVIEWER_PW is empty or not set"):
        call_command("create_reviewer", "ron", "--password-from-env", "REVIEWER_PW")
    assert not User.objects.filter(username="ron").exists()
