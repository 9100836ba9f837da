"""The sheet editor: one section per survey field, and the widgets inside them."""
