"""The people of the test team."""

from tests.e2e.teams import User

LIS = User("lis", "Lis Berg")  # the team lead who installs the bot
ANNE = User("anne", "Anne Hansen")
BO = User("bo", "Bo Jensen")
CAMILLA = User("camilla", "Camilla Nielsen")
DORTE = User("dorte", "Dorte Lund")
SIGNE = User("signe", "Signe Omstilling")  # switchboard, not in the Teams team
TEAM = (LIS, ANNE, BO, CAMILLA, DORTE)
