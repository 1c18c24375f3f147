"""Multi-turn conversations (botbuilder-dialogs). Their state holds simple values only."""
