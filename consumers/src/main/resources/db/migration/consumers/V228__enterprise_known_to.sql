-- Who may find an enterprise that only INTERNAL events told the bus of: the departments that sent
-- them, as ',CUSTOMS,TAX,' (EnterpriseSearch.knownTo); null, as for every row before this version,
-- when every department may know of it. Another department's search leaves such a row out, as its
-- profile answers 404: the row would tell it that an event it was not to see had come.
ALTER TABLE consumers.enterprise ADD COLUMN known_to text;
