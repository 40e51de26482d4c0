"""Document control (ISO/IEC 42001 clause 7.5): rules that apply to every governance document."""
