from geodata.editorial.states import REVIEWERS_GROUP

from ._accounts import CreateStaffCommand


class Command(CreateStaffCommand):
    help = (
        "Create a staff account in the Reviewers group, who may also publish, send back and withdraw "
        "(asks for the password unless --password-from-env)."
    )
    group_name = REVIEWERS_GROUP
    role = "Reviewer"
