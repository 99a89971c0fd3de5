from geodata.editorial.states import EDITORS_GROUP

from ._accounts import CreateStaffCommand


class Command(CreateStaffCommand):
    help = "Create a staff account in the Editors group (asks for the password unless --password-from-env)."
    group_name = EDITORS_GROUP
    role = "Editor"
