"""Shared by create_editor and create_reviewer: a staff account in one of the editorial groups."""

import getpass
import os

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


class CreateStaffCommand(BaseCommand):
    group_name = None  # set by the subclass
    role = None

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument(
            "--password-from-env",
            metavar="VAR",
            help="Read the password from this environment variable instead of prompting.",
        )

    def handle(self, username, email, password_from_env, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user named {username!r} already exists.")
        if password_from_env:
            password = os.environ.get(password_from_env)
            if not password:
                raise CommandError(f"Environment variable {password_from_env} is empty or not set.")
        else:
            password = getpass.getpass("Password: ")
            if password != getpass.getpass("Password (again): "):
                raise CommandError("The passwords do not match.")
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        try:
            group = Group.objects.get(name=self.group_name)
        except Group.DoesNotExist:
            raise CommandError(f"The {self.group_name} group is missing: run `make setup` (migrations).") from None
        with transaction.atomic():
            user.set_password(password)
            user.save()
            user.groups.add(group)
        self.stdout.write(f"{self.role} {username} created; sign in at /admin/.")
